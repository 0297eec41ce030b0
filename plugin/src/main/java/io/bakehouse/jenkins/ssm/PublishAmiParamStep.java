package io.bakehouse.jenkins.ssm;

import hudson.Extension;
import io.bakehouse.engine.ssm.PublishAmiParamRequest;
import io.bakehouse.jenkins.AgentStepExecution;
import io.bakehouse.jenkins.AwsStep;
import io.bakehouse.jenkins.AwsStepDescriptor;
import io.bakehouse.jenkins.StepErrors;
import io.bakehouse.jenkins.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code publishAmiParam}: writes an AMI ID to an SSM parameter. Parameters and result as
 * in docs/steps.md; the result is the map {@code bakehouse publish-ami-param --output json} prints.
 */
public final class PublishAmiParamStep extends AwsStep {

    public static final String FUNCTION_NAME = "publishAmiParam";

    private final String name;
    private String amiId;
    private Map<String, Object> amis;
    private String description;
    private Map<String, Object> tags;
    private String tier;
    private String dataType;
    private List<String> labels;
    private boolean noOverwrite;
    private boolean skipImageCheck;
    private boolean force;

    @DataBoundConstructor
    public PublishAmiParamStep(String name) {
        this.name = name;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        PublishAmiParamRequest request = StepErrors.checked(FUNCTION_NAME, this::toRequest);
        return new AgentStepExecution(context, FUNCTION_NAME, awsOptions(), new PublishAmiParamTask(request));
    }

    /** The engine request for these parameters; validates them all, naming the one at fault. */
    public PublishAmiParamRequest toRequest() {
        Map<String, String> byRegion = PublishAmiParamRequest.amisOf(amiId, Texts.strings(amis));
        return new PublishAmiParamRequest(name, byRegion, description, Texts.strings(tags), tier, dataType,
                labels, !noOverwrite, skipImageCheck, force);
    }


    public String getName() {
        return name;
    }

    public String getAmiId() {
        return amiId;
    }

    @DataBoundSetter
    public void setAmiId(String amiId) {
        this.amiId = Texts.blankToNull(amiId);
    }

    public Map<String, Object> getAmis() {
        return amis;
    }

    @DataBoundSetter
    public void setAmis(Map<String, Object> amis) {
        this.amis = amis == null ? null : new LinkedHashMap<>(amis);
    }

    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(String description) {
        this.description = Texts.blankToNull(description);
    }

    public Map<String, Object> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(Map<String, Object> tags) {
        this.tags = tags == null ? null : new LinkedHashMap<>(tags);
    }

    public String getTier() {
        return tier;
    }

    @DataBoundSetter
    public void setTier(String tier) {
        this.tier = Texts.blankToNull(tier);
    }

    public String getDataType() {
        return dataType;
    }

    @DataBoundSetter
    public void setDataType(String dataType) {
        this.dataType = Texts.blankToNull(dataType);
    }

    public List<String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(List<String> labels) {
        this.labels = labels == null ? null : new ArrayList<>(labels);
    }

    public boolean isNoOverwrite() {
        return noOverwrite;
    }

    @DataBoundSetter
    public void setNoOverwrite(boolean noOverwrite) {
        this.noOverwrite = noOverwrite;
    }

    public boolean isSkipImageCheck() {
        return skipImageCheck;
    }

    @DataBoundSetter
    public void setSkipImageCheck(boolean skipImageCheck) {
        this.skipImageCheck = skipImageCheck;
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Publish an AMI ID to an SSM parameter";
        }
    }
}
