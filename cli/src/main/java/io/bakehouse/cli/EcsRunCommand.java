package io.bakehouse.cli;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.runner.Decision;
import io.bakehouse.engine.runner.DeployRunner;
import io.bakehouse.engine.runner.EcsRunExit;
import io.bakehouse.engine.runner.EcsRunResult;
import io.bakehouse.engine.runner.RejectedException;
import io.bakehouse.engine.runner.RunRequest;
import io.bakehouse.engine.runner.RunnerConfig;
import io.bakehouse.engine.runner.RunnerConfigLoader;
import io.bakehouse.engine.runner.TaskLaunch;
import io.bakehouse.engine.runner.TaskStarter;
import io.bakehouse.engine.runner.TaskStarters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.LambdaClient;

final class EcsRunCommand extends StepCommand {

    static final String NAME = "ecs-run";

    @Override
    Model usage() {
        return Model.of(this, NAME,
                new String[] {"Run an allow-listed container script as an ECS/Fargate task, stream its logs and exit with"
                + " its exit code.",
                "The request is checked by the deploy runner's gatekeeper: in the invoker Lambda (--invoker) or in"
                        + " this process (--config). Put the container, script and arguments after '--'."},
                new String[] {"", "Examples:",
                "  bakehouse ecs-run --invoker deploy-runner-invoker -- terraform-planner plan --path envs/dev",
                "  bakehouse ecs-run --config runner.yaml --task-cpu 2048 --task-memory 4096 -- packer \\",
                "      build-packer-artifact --repo https://github.com/acme/infra.git --ref main --template-path app.pkr.hcl",
                "  bakehouse ecs-run --invoker deploy-runner-invoker --describe-containers",
                "", ExitCodes.ECS_RUN_TABLE});
    }

    @Override
    void declare(Model m) {
        m.positionals("CONTAINER SCRIPT ARGS", "Container, script, then the script's arguments (after '--').",
                () -> positional, v -> positional = v);
        m.option("--invoker").label("FUNCTION").description(Descriptions.EcsDeployRunner.INVOKER)
                .string(() -> invoker, v -> invoker = v);
        m.option("--config").label("FILE").description(Descriptions.EcsDeployRunner.CONFIG)
                .string(() -> config, v -> config = v);
        m.option("--max-wait-time").label("DURATION")
                .description(Descriptions.EcsDeployRunner.MAX_WAIT_TIME).defaultValue("2h")
                .string(() -> maxWaitTime, v -> maxWaitTime = v);
        m.option("--task-cpu").label("UNITS").description(Descriptions.EcsDeployRunner.TASK_CPU)
                .integer(() -> taskCpu, v -> taskCpu = v);
        m.option("--task-memory").label("MIB").description(Descriptions.EcsDeployRunner.TASK_MEMORY)
                .integer(() -> taskMemory, v -> taskMemory = v);
        m.option("--describe-containers").description(Descriptions.EcsDeployRunner.DESCRIBE_CONTAINERS)
                .flag(() -> describeContainers, v -> describeContainers = v);
        m.option("--check").description(Descriptions.EcsDeployRunner.CHECK).flag(() -> check, v -> check = v);
        m.option("--return-status").description(Descriptions.EcsDeployRunner.RETURN_STATUS)
                .flag(() -> returnStatus, v -> returnStatus = v);
    }

    /** How the CLI reaches the invoker function; tests answer through a fake client (moto cannot invoke). */
    static Function<AwsClients, LambdaClient> lambdaClients = AwsClients::lambda;

    String invoker;

    String config;

    /** The gatekeeper asked, as the engine decides it from --invoker and --config. */
    private TaskStarters.Choice gatekeeper() {
        return TaskStarters.choose(invoker, config, null);
    }

    String maxWaitTime;

    Integer taskCpu;

    Integer taskMemory;

    boolean describeContainers;

    boolean check;

    boolean returnStatus;

    List<String> positional = new ArrayList<>();

    /** The run under way, if any: whether it had started a task decides what a failure exits with. */
    private volatile DeployRunner runner;

    @Override
    int usageExitCode() {
        return EcsRunExit.REFUSED;
    }

    @Override
    int exitCodeFor(Throwable failure) {
        DeployRunner r = runner;
        return EcsRunExit.of(failure, r != null && r.taskStarted());
    }

    @Override
    Integer executeLocally(CliContext context, Reporter reporter) {
        TaskStarters.Choice gatekeeper = gatekeeper();
        if (check && !gatekeeper.usesConfig()) {
            throw new InvalidInputException("check", "--check needs --config: the invoker function starts what it approves",
                    "check against the configuration file, e.g. bakehouse ecs-run --config runner.yaml --check -- ...");
        }
        if (gatekeeper.usesConfig() && describeContainers) {
            return printDescription(context, RunnerConfigLoader.describe(Path.of(gatekeeper.config())));
        }
        if (gatekeeper.usesConfig() && check) {
            RunnerConfig config = RunnerConfigLoader.load(Path.of(gatekeeper.config()));
            RunRequest request = request(context);
            Durations.parse("maxWaitTime", maxWaitTime);
            return printCheck(context, config, request);
        }
        return null;
    }

    @Override
    int execute(CliContext context, AwsClients clients, Reporter reporter) {
        TaskStarter starter = TaskStarters.of(gatekeeper(), clients, lambdaClients, path -> path, reporter);
        if (describeContainers) {
            return printDescription(context, starter.describeContainers());
        }
        RunRequest request = request(context);
        Duration wait = Durations.parse("maxWaitTime", maxWaitTime);
        PrintStream logOut = common.output == CommonOptions.Output.json ? context.err() : context.out();
        DeployRunner runner = new DeployRunner(clients, reporter,
                line -> printLine(logOut, context, line), progress -> { });
        this.runner = runner;
        // Ctrl-C or SIGTERM stops the task before the JVM exits.
        EcsRunResult result = OnSignal.cancelling(context, "ecs-run-stop-task",
                () -> runner.cancel("interrupted (Ctrl-C or SIGTERM)"), Duration.ofSeconds(30),
                () -> runner.run(starter, request, wait));
        common.printResult(context, result, "Task " + result.taskArn() + " exited with code " + result.exitCode());
        return EcsRunExit.of(result, returnStatus);
    }

    private RunRequest request(CliContext context) {
        if (positional.size() < 2) {
            throw new InvalidInputException("container", "CONTAINER and SCRIPT are required",
                    "put them after '--', e.g. bakehouse ecs-run --invoker FUNCTION -- terraform-planner plan;"
                            + " --describe-containers lists them");
        }
        return new RunRequest(positional.get(0), positional.get(1), positional.subList(2, positional.size()), taskCpu,
                taskMemory, requestedBy(context.env()));
    }

    private int printDescription(CliContext context, Map<String, Object> described) {
        JsonValue value = () -> described;
        return print(context, value, DescribedContainers.text(described));
    }

    private int printCheck(CliContext context, RunnerConfig config, RunRequest request) {
        Decision decision = io.bakehouse.engine.runner.Gatekeeper.decide(config, request);
        if (decision instanceof Decision.Rejected r) {
            throw new RejectedException(r.rejection());
        }
        TaskLaunch launch = ((Decision.Approved) decision).launch();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("approved", true);
        m.put("container", launch.container());
        m.put("script", launch.script());
        m.put("taskDefinition", launch.taskDefinition());
        m.put("command", launch.command());
        m.put("cpu", launch.cpu());
        m.put("memory", launch.memory());
        JsonValue value = () -> m;
        return print(context, value, "Approved: " + launch.container() + " " + launch.script() + " would run "
                + launch.command());
    }

    private static void printLine(PrintStream out, CliContext context, String line) {
        synchronized (out) {
            out.println(context.secrets().mask(line));
        }
    }

    /** Who asked, for the task's tags: the CI build if there is one, else the user. */
    static String requestedBy(Map<String, String> env) {
        for (String key : List.of("BUILD_TAG", "GITHUB_RUN_ID", "CI_JOB_URL", "USER", "USERNAME")) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return key.equals("USER") || key.equals("USERNAME") ? "user:" + v : v;
            }
        }
        return "bakehouse-cli";
    }
}
