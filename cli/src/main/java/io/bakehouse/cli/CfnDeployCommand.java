package io.bakehouse.cli;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.ParameterPreview;
import io.bakehouse.engine.cfn.StackDeployer;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class CfnDeployCommand extends StepCommand {

    static final String NAME = "cfn-deploy";

    @Override
    Model usage() {
        return Model.of(this, NAME,
                new String[] {"Create or update a CloudFormation stack through a change set.",
                "Prints the change set, executes it, streams the stack's events until it settles and"
                        + " explains failures; Ctrl-C cancels an update and waits for the rollback."},
                new String[] {"", "Example:",
                "  bakehouse cfn-deploy --stack app-dev --template cloudformation/app.yaml \\",
                "      --params-file cloudformation/params/dev.json --param AmiId=ami-0123456789abcdef0 \\",
                "      --capability CAPABILITY_IAM --tag env=dev --output json",
                "  bakehouse cfn-deploy --stack app-dev --template cloudformation/app.yaml \\",
                "      --params-file cloudformation/params/dev.json --param AmiId=ssm:/DeploymentConfig/dev/App/AmiId \\",
                "      --print-parameters",
                "", ExitCodes.TABLE});
    }

    @Override
    void declare(Model m) {
        m.option("--stack").label("NAME").description(Descriptions.CfnDeploy.STACK).required()
                .string(() -> stack, v -> stack = v);
        m.option("--template").label("FILE|URL").description(Descriptions.CfnDeploy.TEMPLATE)
                .string(() -> template, v -> template = v);
        m.option("--param").label("KEY=VALUE").description(Descriptions.CfnDeploy.PARAM)
                .map(() -> params, v -> params = v);
        m.option("--params-file").label("FILE").description(Descriptions.CfnDeploy.PARAMS_FILE)
                .string(() -> paramsFile, v -> paramsFile = v);
        m.option("--keep-param").label("KEY").description(Descriptions.CfnDeploy.KEEP_PARAM)
                .list(() -> keepParams, v -> keepParams = v);
        m.option("--tag").label("KEY=VALUE").description(Descriptions.CfnDeploy.TAG).map(() -> tags, v -> tags = v);
        m.option("--tags-file").label("FILE").description(Descriptions.CfnDeploy.TAGS_FILE)
                .string(() -> tagsFile, v -> tagsFile = v);
        m.option("--capability").label("CAPABILITY").description(Descriptions.CfnDeploy.CAPABILITY)
                .list(() -> capabilities, v -> capabilities = v);
        m.option("--cfn-role-arn").label("ARN").description(Descriptions.CfnDeploy.CFN_ROLE_ARN)
                .string(() -> cfnRoleArn, v -> cfnRoleArn = v);
        m.option("--notification-arn").label("ARN").description(Descriptions.CfnDeploy.NOTIFICATION_ARN)
                .list(() -> notificationArns, v -> notificationArns = v);
        m.option("--termination-protection").description(Descriptions.CfnDeploy.TERMINATION_PROTECTION)
                .flag(() -> terminationProtection, v -> terminationProtection = v);
        m.option("--on-failure").label("ACTION").description(Descriptions.CfnDeploy.ON_FAILURE)
                .string(() -> onFailure, v -> onFailure = v);
        m.option("--disable-rollback").description(Descriptions.CfnDeploy.DISABLE_ROLLBACK)
                .flag(() -> disableRollback, v -> disableRollback = v);
        m.option("--rollback-alarm").label("ARN").description(Descriptions.CfnDeploy.ROLLBACK_ALARM)
                .list(() -> rollbackAlarms, v -> rollbackAlarms = v);
        m.option("--monitoring-minutes").label("N").description(Descriptions.CfnDeploy.MONITORING_MINUTES)
                .integer(() -> monitoringMinutes, v -> monitoringMinutes = v);
        m.option("--stack-policy").label("FILE").description(Descriptions.CfnDeploy.STACK_POLICY)
                .string(() -> stackPolicy, v -> stackPolicy = v);
        m.option("--s3-bucket").label("BUCKET").description(Descriptions.CfnDeploy.S3_BUCKET)
                .string(() -> s3Bucket, v -> s3Bucket = v);
        m.option("--s3-prefix").label("PREFIX").description(Descriptions.CfnDeploy.S3_PREFIX)
                .string(() -> s3Prefix, v -> s3Prefix = v);
        m.option("--change-set-name").label("NAME").description(Descriptions.CfnDeploy.CHANGE_SET_NAME)
                .string(() -> changeSetName, v -> changeSetName = v);
        m.option("--no-execute").description(Descriptions.CfnDeploy.NO_EXECUTE)
                .flag(() -> noExecute, v -> noExecute = v);
        m.option("--execute-change-set").label("NAME").description(Descriptions.CfnDeploy.EXECUTE_CHANGE_SET)
                .string(() -> executeChangeSet, v -> executeChangeSet = v);
        m.option("--fail-on-empty-changeset").description(Descriptions.CfnDeploy.FAIL_ON_EMPTY_CHANGESET)
                .flag(() -> failOnEmptyChangeset, v -> failOnEmptyChangeset = v);
        m.option("--replace-failed-stack").description(Descriptions.CfnDeploy.REPLACE_FAILED_STACK)
                .negatableOn(() -> replaceFailedStack, v -> replaceFailedStack = v);
        m.option("--timeout").label("DURATION").description(Descriptions.CfnDeploy.TIMEOUT)
                .string(() -> timeout, v -> timeout = v);
        m.option("--report").label("FILE").description(Descriptions.CfnDeploy.REPORT)
                .string(() -> report, v -> report = v);
        m.option("--print-parameters").description(Descriptions.CfnDeploy.PRINT_PARAMETERS)
                .flag(() -> printParameters, v -> printParameters = v);
    }

    /** How long Ctrl-C waits for the engine to cancel the update and see the rollback settle. */
    private static final long SHUTDOWN_WAIT_MINUTES = 16;

    String stack;

    String template;

    Map<String, String> params = new LinkedHashMap<>();

    String paramsFile;

    List<String> keepParams = new ArrayList<>();

    Map<String, String> tags = new LinkedHashMap<>();

    String tagsFile;

    List<String> capabilities = new ArrayList<>();

    String cfnRoleArn;

    List<String> notificationArns = new ArrayList<>();

    boolean terminationProtection;

    String onFailure;

    boolean disableRollback;

    List<String> rollbackAlarms = new ArrayList<>();

    Integer monitoringMinutes;

    String stackPolicy;

    String s3Bucket;

    String s3Prefix;

    String changeSetName;

    boolean noExecute;

    String executeChangeSet;

    boolean failOnEmptyChangeset;

    boolean replaceFailedStack;

    String timeout;

    String report;

    boolean printParameters;

    @Override
    int execute(CliContext context, AwsClients clients, Reporter reporter) {
        CfnDeployRequest request = CfnDeployRequest.builder(stack)
                .template(template).params(params).paramsFile(paramsFile).keepParams(keepParams)
                .tags(tags).tagsFile(tagsFile).capabilities(upper(capabilities)).cfnRoleArn(cfnRoleArn)
                .notificationArns(notificationArns).terminationProtection(terminationProtection)
                .onFailure(onFailure).disableRollback(disableRollback).rollbackAlarms(rollbackAlarms)
                .monitoringMinutes(monitoringMinutes).stackPolicy(stackPolicy).s3Bucket(s3Bucket).s3Prefix(s3Prefix)
                .changeSetName(changeSetName).noExecute(noExecute).executeChangeSet(executeChangeSet)
                .failOnEmptyChangeset(failOnEmptyChangeset).replaceFailedStack(replaceFailedStack)
                .timeout(timeout == null ? null : Durations.parse("timeout", timeout)).report(report)
                .build();
        if (printParameters) {
            ParameterPreview preview = StackDeployer.of(clients, reporter).preview(request);
            return print(context, preview, text(preview));
        }
        CancelToken cancel = new CancelToken();
        CfnDeployResult result = OnSignal.cancelling(context, "bakehouse-cfn-deploy-cancel",
                () -> cancel.cancel("interrupted by a signal"), Duration.ofMinutes(SHUTDOWN_WAIT_MINUTES),
                () -> StackDeployer.of(clients, reporter).deploy(request, cancel));
        return print(context, result, summary(result));
    }

    private static List<String> upper(List<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.toUpperCase(java.util.Locale.ROOT)));
        return out;
    }

    static String summary(CfnDeployResult r) {
        if (r.noChanges()) {
            return r.stackName() + ": no changes (" + r.status() + ")";
        }
        if (!r.executed()) {
            return r.stackName() + ": change set " + r.changeSetName() + " created, not executed (" + r.changes().size()
                    + " change" + (r.changes().size() == 1 ? "" : "s") + ")";
        }
        StringBuilder s = new StringBuilder(r.stackName()).append(": ").append(r.status());
        r.outputs().forEach((k, v) -> s.append('\n').append("  ").append(k).append(" = ").append(v));
        return s.toString();
    }

    /** The parameters a deployment would send, one a line, saying where each came from. */
    static String text(ParameterPreview p) {
        StringBuilder s = new StringBuilder(p.stack()).append(": ")
                .append(p.create() ? "would create the stack" : "would update the stack (" + p.stackStatus() + ")")
                .append(" with these parameters");
        p.parameters().forEach((k, v) -> {
            s.append("\n  ").append(k).append(" = ").append(v);
            if (p.fromSsm().containsKey(k)) {
                s.append(" (from SSM ").append(p.fromSsm().get(k)).append(')');
            } else if (p.noEcho().contains(k)) {
                s.append(" (NoEcho)");
            }
        });
        p.keep().forEach(k -> s.append("\n  ").append(k).append(" keeps its previous value"));
        p.tags().forEach((k, v) -> s.append("\n  tag ").append(k).append(" = ").append(v));
        return s.toString();
    }
}
