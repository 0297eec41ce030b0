package io.bakehouse.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Manage Jenkins → System → Bakehouse: defaults for every step. Configuration as code sets
 * it under {@code unclassified: bakehouse: {region: ..., roleArn: ..., invokerFunction: ...}}.
 */
@Extension
@Symbol("bakehouse")
public class BakehouseGlobalConfiguration extends GlobalConfiguration {

    private String region;
    private String roleArn;
    private String invokerFunction;

    public BakehouseGlobalConfiguration() {
        load();
    }

    /** The defaults as configured now. */
    public static PluginDefaults defaults() {
        return ExtensionList.lookupSingleton(BakehouseGlobalConfiguration.class).toDefaults();
    }

    public PluginDefaults toDefaults() {
        return new PluginDefaults(region, roleArn, invokerFunction);
    }

    @Override
    public String getDisplayName() {
        return "Bakehouse";
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Texts.blankToNull(region);
        save();
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Texts.blankToNull(roleArn);
        save();
    }

    public String getInvokerFunction() {
        return invokerFunction;
    }

    @DataBoundSetter
    public void setInvokerFunction(String invokerFunction) {
        this.invokerFunction = Texts.blankToNull(invokerFunction);
        save();
    }
}
