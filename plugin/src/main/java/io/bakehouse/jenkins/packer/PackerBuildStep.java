package io.bakehouse.jenkins.packer;

import hudson.Extension;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.packer.PackerBuildRequest;
import io.bakehouse.jenkins.AgentStepExecution;
import io.bakehouse.jenkins.AwsStep;
import io.bakehouse.jenkins.AwsStepDescriptor;
import io.bakehouse.jenkins.SecretTexts;
import io.bakehouse.jenkins.StepErrors;
import io.bakehouse.jenkins.Texts;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code packerBuild}: bakes an AMI with Packer on the workspace's agent. Parameters and result
 * as in docs/steps.md; the result is the map {@code bakehouse packer-build --output json} prints.
 * {@code sensitiveVars} maps variable names to IDs of Secret text credentials, read on the
 * controller when the step runs, so that no secret is a step argument (which the build keeps).
 * Packer dies with its agent connection, so the step cannot resume after a controller restart;
 * an abort interrupts the call, and the engine interrupts Packer so that it cleans up.
 */
public final class PackerBuildStep extends AwsStep {

    public static final String FUNCTION_NAME = "packerBuild";

    private final String template;
    private Map<String, Object> vars;
    private Map<String, Object> sensitiveVars;
    private List<String> varFiles;
    private List<String> only;
    private List<String> except;
    private String onError;
    private boolean force;
    private String workingDir;
    private String packer;
    private boolean rebake;
    private String timeout;

    @DataBoundConstructor
    public PackerBuildStep(String template) {
        this.template = Texts.blankToNull(template);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        PackerBuildRequest request = StepErrors.checked(FUNCTION_NAME, this::toRequest);
        Map<String, String> credentialIds = sensitiveVarCredentials();
        return new AgentStepExecution(context, FUNCTION_NAME, awsOptions(), run -> new PackerBuildTask(
                request.withSensitiveVars(SecretTexts.resolve(run, FUNCTION_NAME, "sensitiveVars", credentialIds))));
    }

    /**
     * The engine request for these parameters, without the sensitive values (they are read from their
     * credentials when the step runs); validates every parameter, naming the one at fault.
     */
    public PackerBuildRequest toRequest() {
        // the credential IDs stand in for the values, so that the names are checked as the engine checks them
        return new PackerBuildRequest(template, Texts.strings(vars), sensitiveVarCredentials(), varFiles, only,
                except, onError, force, workingDir, packer, rebake,
                Durations.parse("timeout", timeout, PackerBuildRequest.DEFAULT_TIMEOUT)).withSensitiveVars(Map.of());
    }

    /** {@code sensitiveVars}: variable name → ID of the Secret text credential holding its value. */
    public Map<String, String> sensitiveVarCredentials() {
        Map<String, String> ids = Texts.strings(sensitiveVars);
        ids.forEach((name, id) -> {
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("sensitiveVars", "sensitiveVars entry '" + name
                        + "' names no credential", "give the ID of a Secret text credential holding the value");
            }
        });
        return ids;
    }

    public String getTemplate() {
        return template;
    }

    public Map<String, Object> getVars() {
        return vars;
    }

    @DataBoundSetter
    public void setVars(Map<String, Object> vars) {
        this.vars = Texts.mapCopy(vars);
    }

    public Map<String, Object> getSensitiveVars() {
        return sensitiveVars;
    }

    @DataBoundSetter
    public void setSensitiveVars(Map<String, Object> sensitiveVars) {
        this.sensitiveVars = Texts.mapCopy(sensitiveVars);
    }

    public List<String> getVarFiles() {
        return varFiles;
    }

    @DataBoundSetter
    public void setVarFiles(List<String> varFiles) {
        this.varFiles = Texts.listCopy(varFiles);
    }

    public List<String> getOnly() {
        return only;
    }

    @DataBoundSetter
    public void setOnly(List<String> only) {
        this.only = Texts.listCopy(only);
    }

    public List<String> getExcept() {
        return except;
    }

    @DataBoundSetter
    public void setExcept(List<String> except) {
        this.except = Texts.listCopy(except);
    }

    public String getOnError() {
        return onError;
    }

    @DataBoundSetter
    public void setOnError(String onError) {
        this.onError = Texts.blankToNull(onError);
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public String getWorkingDir() {
        return workingDir;
    }

    @DataBoundSetter
    public void setWorkingDir(String workingDir) {
        this.workingDir = Texts.blankToNull(workingDir);
    }

    public String getPacker() {
        return packer;
    }

    @DataBoundSetter
    public void setPacker(String packer) {
        this.packer = Texts.blankToNull(packer);
    }

    public boolean isRebake() {
        return rebake;
    }

    @DataBoundSetter
    public void setRebake(boolean rebake) {
        this.rebake = rebake;
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Texts.blankToNull(timeout);
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Bake an AMI with Packer";
        }
    }
}
