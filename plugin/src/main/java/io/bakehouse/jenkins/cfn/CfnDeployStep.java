package io.bakehouse.jenkins.cfn;

import hudson.Extension;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.cfn.CfnDeployRequest;
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
 * {@code cfnDeploy}: creates or updates a stack through a change set and waits for it,
 * streaming the stack's events to the build log. Parameters and result as in docs/steps.md;
 * the result is the map {@code bakehouse cfn-deploy --output json} prints. The wait survives
 * a controller restart; an abort cancels the update (or deletes the stack being created).
 */
public final class CfnDeployStep extends AwsStep {

    public static final String FUNCTION_NAME = "cfnDeploy";

    private final String stack;
    private String template;
    private Map<String, Object> params;
    private String paramsFile;
    private List<String> keepParams;
    private Map<String, Object> tags;
    private String tagsFile;
    private List<String> capabilities;
    private String cfnRoleArn;
    private List<String> notificationArns;
    private boolean terminationProtection;
    private String onFailure;
    private boolean disableRollback;
    private List<String> rollbackAlarms;
    private Integer monitoringMinutes;
    private String stackPolicy;
    private String s3Bucket;
    private String s3Prefix;
    private String changeSetName;
    private boolean noExecute;
    private String executeChangeSet;
    private boolean failOnEmptyChangeset;
    private boolean replaceFailedStack = true;
    private String timeout;
    private String report;

    @DataBoundConstructor
    public CfnDeployStep(String stack) {
        this.stack = Texts.blankToNull(stack);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        CfnDeployRequest request = StepErrors.checked(FUNCTION_NAME, this::toRequest);
        return new CfnDeployExecution(context, awsOptions(), new CfnLaunchTask(request));
    }

    /** The engine request for these parameters; validates them all, naming the one at fault. */
    public CfnDeployRequest toRequest() {
        return CfnDeployRequest.builder(stack)
                .template(template)
                .params(Texts.strings(params))
                .paramsFile(paramsFile)
                .keepParams(keepParams)
                .tags(Texts.strings(tags))
                .tagsFile(tagsFile)
                .capabilities(capabilities)
                .cfnRoleArn(cfnRoleArn)
                .notificationArns(notificationArns)
                .terminationProtection(terminationProtection)
                .onFailure(onFailure)
                .disableRollback(disableRollback)
                .rollbackAlarms(rollbackAlarms)
                .monitoringMinutes(monitoringMinutes)
                .stackPolicy(stackPolicy)
                .s3Bucket(s3Bucket)
                .s3Prefix(s3Prefix)
                .changeSetName(changeSetName)
                .noExecute(noExecute)
                .executeChangeSet(executeChangeSet)
                .failOnEmptyChangeset(failOnEmptyChangeset)
                .replaceFailedStack(replaceFailedStack)
                .timeout(Durations.parse("timeout", timeout, CfnDeployRequest.DEFAULT_TIMEOUT))
                .report(report)
                .build();
    }

    public String getStack() {
        return stack;
    }

    public String getTemplate() {
        return template;
    }

    @DataBoundSetter
    public void setTemplate(String template) {
        this.template = Texts.blankToNull(template);
    }

    public Map<String, Object> getParams() {
        return params;
    }

    @DataBoundSetter
    public void setParams(Map<String, Object> params) {
        this.params = Texts.mapCopy(params);
    }

    public String getParamsFile() {
        return paramsFile;
    }

    @DataBoundSetter
    public void setParamsFile(String paramsFile) {
        this.paramsFile = Texts.blankToNull(paramsFile);
    }

    public List<String> getKeepParams() {
        return keepParams;
    }

    @DataBoundSetter
    public void setKeepParams(List<String> keepParams) {
        this.keepParams = Texts.listCopy(keepParams);
    }

    public Map<String, Object> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(Map<String, Object> tags) {
        this.tags = Texts.mapCopy(tags);
    }

    public String getTagsFile() {
        return tagsFile;
    }

    @DataBoundSetter
    public void setTagsFile(String tagsFile) {
        this.tagsFile = Texts.blankToNull(tagsFile);
    }

    public List<String> getCapabilities() {
        return capabilities;
    }

    @DataBoundSetter
    public void setCapabilities(List<String> capabilities) {
        this.capabilities = Texts.listCopy(capabilities);
    }

    public String getCfnRoleArn() {
        return cfnRoleArn;
    }

    @DataBoundSetter
    public void setCfnRoleArn(String cfnRoleArn) {
        this.cfnRoleArn = Texts.blankToNull(cfnRoleArn);
    }

    public List<String> getNotificationArns() {
        return notificationArns;
    }

    @DataBoundSetter
    public void setNotificationArns(List<String> notificationArns) {
        this.notificationArns = Texts.listCopy(notificationArns);
    }

    public boolean isTerminationProtection() {
        return terminationProtection;
    }

    @DataBoundSetter
    public void setTerminationProtection(boolean terminationProtection) {
        this.terminationProtection = terminationProtection;
    }

    public String getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(String onFailure) {
        this.onFailure = Texts.blankToNull(onFailure);
    }

    public boolean isDisableRollback() {
        return disableRollback;
    }

    @DataBoundSetter
    public void setDisableRollback(boolean disableRollback) {
        this.disableRollback = disableRollback;
    }

    public List<String> getRollbackAlarms() {
        return rollbackAlarms;
    }

    @DataBoundSetter
    public void setRollbackAlarms(List<String> rollbackAlarms) {
        this.rollbackAlarms = Texts.listCopy(rollbackAlarms);
    }

    public Integer getMonitoringMinutes() {
        return monitoringMinutes;
    }

    @DataBoundSetter
    public void setMonitoringMinutes(Integer monitoringMinutes) {
        this.monitoringMinutes = monitoringMinutes;
    }

    public String getStackPolicy() {
        return stackPolicy;
    }

    @DataBoundSetter
    public void setStackPolicy(String stackPolicy) {
        this.stackPolicy = Texts.blankToNull(stackPolicy);
    }

    public String getS3Bucket() {
        return s3Bucket;
    }

    @DataBoundSetter
    public void setS3Bucket(String s3Bucket) {
        this.s3Bucket = Texts.blankToNull(s3Bucket);
    }

    public String getS3Prefix() {
        return s3Prefix;
    }

    @DataBoundSetter
    public void setS3Prefix(String s3Prefix) {
        this.s3Prefix = Texts.blankToNull(s3Prefix);
    }

    public String getChangeSetName() {
        return changeSetName;
    }

    @DataBoundSetter
    public void setChangeSetName(String changeSetName) {
        this.changeSetName = Texts.blankToNull(changeSetName);
    }

    public boolean isNoExecute() {
        return noExecute;
    }

    @DataBoundSetter
    public void setNoExecute(boolean noExecute) {
        this.noExecute = noExecute;
    }

    public String getExecuteChangeSet() {
        return executeChangeSet;
    }

    @DataBoundSetter
    public void setExecuteChangeSet(String executeChangeSet) {
        this.executeChangeSet = Texts.blankToNull(executeChangeSet);
    }

    public boolean isFailOnEmptyChangeset() {
        return failOnEmptyChangeset;
    }

    @DataBoundSetter
    public void setFailOnEmptyChangeset(boolean failOnEmptyChangeset) {
        this.failOnEmptyChangeset = failOnEmptyChangeset;
    }

    public boolean isReplaceFailedStack() {
        return replaceFailedStack;
    }

    @DataBoundSetter
    public void setReplaceFailedStack(boolean replaceFailedStack) {
        this.replaceFailedStack = replaceFailedStack;
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Texts.blankToNull(timeout);
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
            return "Deploy a CloudFormation stack through a change set";
        }
    }
}
