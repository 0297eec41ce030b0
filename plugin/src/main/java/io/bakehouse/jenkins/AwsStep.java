package io.bakehouse.jenkins;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters every Bakehouse step shares (docs/steps.md, "Common parameters"). A step
 * adds its own parameters and says which {@link AgentTask} it runs.
 */
public abstract class AwsStep extends Step {

    private String region;
    private String roleArn;
    private String externalId;
    private String roleSessionName;
    private String endpointUrl;
    private String credentialsId;

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Texts.blankToNull(region);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Texts.blankToNull(roleArn);
    }

    public String getExternalId() {
        return externalId;
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        this.externalId = Texts.blankToNull(externalId);
    }

    public String getRoleSessionName() {
        return roleSessionName;
    }

    @DataBoundSetter
    public void setRoleSessionName(String roleSessionName) {
        this.roleSessionName = Texts.blankToNull(roleSessionName);
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = Texts.blankToNull(endpointUrl);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Texts.blankToNull(credentialsId);
    }

    /** The common parameters as given. */
    public AwsOptions awsOptions() {
        return new AwsOptions(region, roleArn, externalId, roleSessionName, endpointUrl, credentialsId);
    }
}
