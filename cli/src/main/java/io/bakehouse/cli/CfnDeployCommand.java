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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cfn-deploy",
        addMethodSubcommands = false, // no method is a subcommand: picocli need not scan them
        description = {"Create or update a CloudFormation stack through a change set.",
                "Prints the change set, executes it, streams the stack's events until it settles and"
                        + " explains failures; Ctrl-C cancels an update and waits for the rollback."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footer = {"", "Example:",
                "  bakehouse cfn-deploy --stack app-dev --template cloudformation/app.yaml \\",
                "      --params-file cloudformation/params/dev.json --param AmiId=ami-0123456789abcdef0 \\",
                "      --capability CAPABILITY_IAM --tag env=dev --output json",
                "  bakehouse cfn-deploy --stack app-dev --template cloudformation/app.yaml \\",
                "      --params-file cloudformation/params/dev.json --param AmiId=ssm:/DeploymentConfig/dev/App/AmiId \\",
                "      --print-parameters",
                "", ExitCodes.TABLE})
final class CfnDeployCommand extends StepCommand {

    /** How long Ctrl-C waits for the engine to cancel the update and see the rollback settle. */
    private static final long SHUTDOWN_WAIT_MINUTES = 16;

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = Descriptions.CfnDeploy.STACK)
    String stack;

    @Option(names = "--template", paramLabel = "FILE|URL", description = Descriptions.CfnDeploy.TEMPLATE)
    String template;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = Descriptions.CfnDeploy.PARAM)
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--params-file", paramLabel = "FILE", description = Descriptions.CfnDeploy.PARAMS_FILE)
    String paramsFile;

    @Option(names = "--keep-param", paramLabel = "KEY", description = Descriptions.CfnDeploy.KEEP_PARAM)
    List<String> keepParams = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = Descriptions.CfnDeploy.TAG)
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--tags-file", paramLabel = "FILE", description = Descriptions.CfnDeploy.TAGS_FILE)
    String tagsFile;

    @Option(names = "--capability", paramLabel = "CAPABILITY", description = Descriptions.CfnDeploy.CAPABILITY)
    List<String> capabilities = new ArrayList<>();

    @Option(names = "--cfn-role-arn", paramLabel = "ARN", description = Descriptions.CfnDeploy.CFN_ROLE_ARN)
    String cfnRoleArn;

    @Option(names = "--notification-arn", paramLabel = "ARN", description = Descriptions.CfnDeploy.NOTIFICATION_ARN)
    List<String> notificationArns = new ArrayList<>();

    @Option(names = "--termination-protection", description = Descriptions.CfnDeploy.TERMINATION_PROTECTION)
    boolean terminationProtection;

    @Option(names = "--on-failure", paramLabel = "ACTION", description = Descriptions.CfnDeploy.ON_FAILURE)
    String onFailure;

    @Option(names = "--disable-rollback", description = Descriptions.CfnDeploy.DISABLE_ROLLBACK)
    boolean disableRollback;

    @Option(names = "--rollback-alarm", paramLabel = "ARN", description = Descriptions.CfnDeploy.ROLLBACK_ALARM)
    List<String> rollbackAlarms = new ArrayList<>();

    @Option(names = "--monitoring-minutes", paramLabel = "N", description = Descriptions.CfnDeploy.MONITORING_MINUTES)
    Integer monitoringMinutes;

    @Option(names = "--stack-policy", paramLabel = "FILE", description = Descriptions.CfnDeploy.STACK_POLICY)
    String stackPolicy;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = Descriptions.CfnDeploy.S3_BUCKET)
    String s3Bucket;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", description = Descriptions.CfnDeploy.S3_PREFIX)
    String s3Prefix;

    @Option(names = "--change-set-name", paramLabel = "NAME", description = Descriptions.CfnDeploy.CHANGE_SET_NAME)
    String changeSetName;

    @Option(names = "--no-execute", description = Descriptions.CfnDeploy.NO_EXECUTE)
    boolean noExecute;

    @Option(names = "--execute-change-set", paramLabel = "NAME", description = Descriptions.CfnDeploy.EXECUTE_CHANGE_SET)
    String executeChangeSet;

    @Option(names = "--fail-on-empty-changeset", description = Descriptions.CfnDeploy.FAIL_ON_EMPTY_CHANGESET)
    boolean failOnEmptyChangeset;

    @Option(names = "--replace-failed-stack", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = Descriptions.CfnDeploy.REPLACE_FAILED_STACK)
    boolean replaceFailedStack;

    @Option(names = "--timeout", paramLabel = "DURATION", description = Descriptions.CfnDeploy.TIMEOUT)
    String timeout;

    @Option(names = "--report", paramLabel = "FILE", description = Descriptions.CfnDeploy.REPORT)
    String report;

    @Option(names = "--print-parameters", description = Descriptions.CfnDeploy.PRINT_PARAMETERS)
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
