package io.bakehouse.jenkins.ecs;

import hudson.Extension;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.ecs.EcsServiceDeployRequest;
import io.bakehouse.engine.ecs.FindingLimits;
import io.bakehouse.jenkins.AwsStep;
import io.bakehouse.jenkins.AwsStepDescriptor;
import io.bakehouse.jenkins.StepErrors;
import io.bakehouse.jenkins.Texts;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code ecsServiceDeploy}: rolls an ECS service to new images and waits for the rollout,
 * streaming the service's events to the build log. Parameters and result as in docs/steps.md;
 * the result is the map {@code bakehouse ecs-service-deploy --output json} prints. The wait
 * survives a controller restart; an abort points the service back at its previous task
 * definition.
 */
public final class EcsServiceDeployStep extends AwsStep {

    public static final String FUNCTION_NAME = "ecsServiceDeploy";

    private final String cluster;
    private final String service;
    private String image;
    private Map<String, Object> images;
    private String timeout;
    private Map<String, Object> maxFindings;
    private boolean forceNewDeployment;
    private String report;

    @DataBoundConstructor
    public EcsServiceDeployStep(String cluster, String service) {
        this.cluster = Texts.blankToNull(cluster);
        this.service = Texts.blankToNull(service);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        EcsServiceDeployRequest request = StepErrors.checked(FUNCTION_NAME, this::toRequest);
        return new EcsServiceDeployExecution(context, awsOptions(), new EcsServiceLaunchTask(request));
    }

    /** The engine request for these parameters; validates them all, naming the one at fault. */
    public EcsServiceDeployRequest toRequest() {
        return EcsServiceDeployRequest.builder(cluster, service)
                .image(image)
                .images(images == null ? null : Texts.strings(images))
                .timeout(Durations.parse("timeout", timeout, EcsServiceDeployRequest.DEFAULT_TIMEOUT))
                .maxFindings(FindingLimits.of(maxFindings))
                .forceNewDeployment(forceNewDeployment)
                .report(report)
                .build();
    }

    public String getCluster() {
        return cluster;
    }

    public String getService() {
        return service;
    }

    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = Texts.blankToNull(image);
    }

    public Map<String, Object> getImages() {
        return images;
    }

    @DataBoundSetter
    public void setImages(Map<String, Object> images) {
        this.images = Texts.mapCopy(images);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Texts.blankToNull(timeout);
    }

    public Map<String, Object> getMaxFindings() {
        return maxFindings;
    }

    @DataBoundSetter
    public void setMaxFindings(Map<String, Object> maxFindings) {
        this.maxFindings = Texts.mapCopy(maxFindings);
    }

    public boolean isForceNewDeployment() {
        return forceNewDeployment;
    }

    @DataBoundSetter
    public void setForceNewDeployment(boolean forceNewDeployment) {
        this.forceNewDeployment = forceNewDeployment;
    }

    public String getReport() {
        return report;
    }

    @DataBoundSetter
    public void setReport(String report) {
        this.report = Texts.blankToNull(report);
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Roll an ECS service to new container images";
        }
    }
}
