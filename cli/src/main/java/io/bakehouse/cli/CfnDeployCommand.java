package io.bakehouse.cli;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.cfn.CancelToken;
import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.ParameterPreview;
import io.bakehouse.engine.cfn.StackDeployer;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cfn-deploy",
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

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "Stack name.")
    String stack;

    @Option(names = "--template", paramLabel = "FILE|URL", description = "Template: a local YAML/JSON file or an S3 URL (required unless --execute-change-set).")
    String template;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Template parameter (repeatable; wins over --params-file).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--params-file", paramLabel = "FILE", description = "Parameters: the AWS CLI's JSON list, or a {\"K\": \"V\"} JSON/YAML map.")
    String paramsFile;

    @Option(names = "--keep-param", paramLabel = "KEY", description = "Keep this parameter's previous value (repeatable).")
    List<String> keepParams = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Stack tag (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--tags-file", paramLabel = "FILE", description = "Tags: a JSON/YAML map or the AWS CLI's [{\"Key\":..,\"Value\":..}] list.")
    String tagsFile;

    @Option(names = "--capability", paramLabel = "CAPABILITY", description = "CAPABILITY_IAM, CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND (repeatable).")
    List<String> capabilities = new ArrayList<>();

    @Option(names = "--cfn-role-arn", paramLabel = "ARN", description = "Service role CloudFormation uses for the stack (--role-arn is the role this command assumes).")
    String cfnRoleArn;

    @Option(names = "--notification-arn", paramLabel = "ARN", description = "SNS topic for stack events (repeatable).")
    List<String> notificationArns = new ArrayList<>();

    @Option(names = "--termination-protection", description = "Turn on termination protection.")
    boolean terminationProtection;

    @Option(names = "--on-failure", paramLabel = "ACTION", description = "When a create fails: ROLLBACK (default), DELETE or DO_NOTHING.")
    String onFailure;

    @Option(names = "--disable-rollback", description = "Do not roll back a failed operation (keep it for inspection).")
    boolean disableRollback;

    @Option(names = "--rollback-alarm", paramLabel = "ARN", description = "CloudWatch alarm that rolls the operation back (repeatable).")
    List<String> rollbackAlarms = new ArrayList<>();

    @Option(names = "--monitoring-minutes", paramLabel = "N", description = "Minutes to watch the rollback alarms after the operation.")
    Integer monitoringMinutes;

    @Option(names = "--stack-policy", paramLabel = "FILE", description = "Stack policy file to set.")
    String stackPolicy;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "Bucket for a template over the 51,200-byte inline limit.")
    String s3Bucket;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", description = "Key prefix in --s3-bucket.")
    String s3Prefix;

    @Option(names = "--change-set-name", paramLabel = "NAME", description = "Change set name (default: bakehouse-<time>).")
    String changeSetName;

    @Option(names = "--no-execute", description = "Create and print the change set, then stop (for review).")
    boolean noExecute;

    @Option(names = "--execute-change-set", paramLabel = "NAME", description = "Execute this existing change set.")
    String executeChangeSet;

    @Option(names = "--fail-on-empty-changeset", description = "Fail when there is nothing to change.")
    boolean failOnEmptyChangeset;

    @Option(names = "--replace-failed-stack", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Delete and recreate a stack left in ROLLBACK_COMPLETE by a failed create (default: on).")
    boolean replaceFailedStack;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Overall wait, e.g. 90s, 45m, 2h (default: 60m).")
    String timeout;

    @Option(names = "--report", paramLabel = "FILE", description = "Write an HTML deployment report (change set, event timeline, outputs, parameters) to FILE, also when the deployment fails.")
    String report;

    @Option(names = "--print-parameters", description = "Print the parameters a deployment would send (ssm: values read,"
            + " NoEcho ones masked), checked as before a deployment's first write, and exit; changes nothing.")
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
