package io.bakehouse.jenkins.site;

import hudson.Extension;
import io.bakehouse.engine.site.PublishSiteRequest;
import io.bakehouse.jenkins.AgentStepExecution;
import io.bakehouse.jenkins.AwsStep;
import io.bakehouse.jenkins.AwsStepDescriptor;
import io.bakehouse.jenkins.StepErrors;
import io.bakehouse.jenkins.Texts;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code publishSite}: puts a built static site from the workspace in S3 and invalidates what changed in
 * CloudFront. Parameters and result as in docs/steps.md; the result is the map
 * {@code bakehouse publish-site --output json} prints. The publish runs on the workspace's agent; an abort
 * stops it between files (see {@link PublishSiteTask}), and a controller restart fails it, as publishing
 * again finishes the job.
 */
public final class PublishSiteStep extends AwsStep {

    public static final String FUNCTION_NAME = "publishSite";

    private final String dir;
    private final String bucket;
    private String prefix;
    private String distributionId;
    private boolean delete = true;
    private Map<String, Object> cacheControl;
    private List<String> invalidate;
    private boolean wait = true;
    private boolean dryRun;
    private boolean allowEmpty;

    @DataBoundConstructor
    public PublishSiteStep(String dir, String bucket) {
        this.dir = Texts.blankToNull(dir);
        this.bucket = Texts.blankToNull(bucket);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        PublishSiteRequest request = StepErrors.checked(FUNCTION_NAME, this::toRequest);
        return new AgentStepExecution(context, FUNCTION_NAME, awsOptions(), new PublishSiteTask(request));
    }

    /** The engine request for these parameters, {@code dir} as given; validates them all, naming the one at fault. */
    public PublishSiteRequest toRequest() {
        return PublishSiteRequest.builder(dir, bucket).prefix(prefix).distributionId(distributionId).delete(delete)
                .cacheControl(Texts.strings(cacheControl)).invalidate(invalidate).waitForInvalidation(wait)
                .dryRun(dryRun).allowEmpty(allowEmpty).build();
    }

    public String getDir() {
        return dir;
    }

    public String getBucket() {
        return bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(String prefix) {
        this.prefix = Texts.blankToNull(prefix);
    }

    public String getDistributionId() {
        return distributionId;
    }

    @DataBoundSetter
    public void setDistributionId(String distributionId) {
        this.distributionId = Texts.blankToNull(distributionId);
    }

    public boolean isDelete() {
        return delete;
    }

    @DataBoundSetter
    public void setDelete(boolean delete) {
        this.delete = delete;
    }

    public Map<String, Object> getCacheControl() {
        return cacheControl;
    }

    @DataBoundSetter
    public void setCacheControl(Map<String, Object> cacheControl) {
        this.cacheControl = Texts.mapCopy(cacheControl);
    }

    public List<String> getInvalidate() {
        return invalidate;
    }

    @DataBoundSetter
    public void setInvalidate(List<String> invalidate) {
        this.invalidate = Texts.listCopy(invalidate);
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    @DataBoundSetter
    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Publish a static site to S3 and CloudFront";
        }
    }
}
