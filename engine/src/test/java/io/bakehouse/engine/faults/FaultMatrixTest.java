package io.bakehouse.engine.faults;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.FastStackDeployer;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.packer.PackerBuildRequest;
import io.bakehouse.engine.packer.PackerBuildResult;
import io.bakehouse.engine.packer.PackerBuilder;
import io.bakehouse.engine.runner.DeployRunner;
import io.bakehouse.engine.runner.DirectStarter;
import io.bakehouse.engine.runner.EcsRunResult;
import io.bakehouse.engine.runner.LambdaStarter;
import io.bakehouse.engine.runner.RunRequest;
import io.bakehouse.engine.runner.RunnerConfig;
import io.bakehouse.engine.runner.RunnerConfigLoader;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.engine.runner.TaskStarter;
import io.bakehouse.engine.runner.TaskStoppedException;
import io.bakehouse.engine.ssm.AmiParameterPublisher;
import io.bakehouse.engine.ssm.PublishAmiParamRequest;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.ServiceFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;

/**
 * The fault matrix: every AWS call site of every step, under throttling, bare 5xx answers,
 * connection resets and latency, injected by a {@link FaultProxy} in front of moto.
 *
 * <p>A call site is a service and API action a step sends (e.g. {@code ssm:PutParameter}).
 * Each scenario below drives one step through one of its paths and names the call sites it is
 * the matrix row for. Its happy path runs first, through a proxy that injects nothing, and
 * records what the step sent: a call site that no scenario has a row for fails the test, so a
 * new AWS call is noticed here.
 *
 * <p>For every row and fault the step must either survive (the same result as without the
 * fault, nothing left behind) or fail with words: a {@link BakehouseException} whose message
 * and hint are one line each, with no stack-trace text and no secret, leaving nothing
 * half-done. A leftover is accepted only when the very call that would clean it up is the one
 * failing, and the step names it (in the failure or a warning) so a person can finish the job.
 * A result that differs from the happy path's must come with a warning the happy path does not
 * give (more warnings, or one it did not have).
 *
 * <p>The matrix goes to the test output and to {@code target/fault-matrix.txt}.
 */
public class FaultMatrixTest {

    /** An ECS service moto creates runs one task: one that wants one reads COMPLETED ({@link EcsServiceScenarios}). */
    @ClassRule
    public static final MotoServer MOTO = new MotoServer(ServiceFixtures.RUNNING);

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    /** The first calls of a site that fail in a burst: fewer than the SDK's three attempts. */
    static final int BURST = 2;
    static final long LATENCY_MS = 200;
    private static final int THREADS = Integer.getInteger("bakehouse.faultMatrix.threads", 6);
    private static final Pattern TRACE_TEXT = Pattern.compile(
            "\\bat [a-z]+\\.[a-z]|\\.java:\\d|\\bjava\\.[a-z]|software\\.amazon\\.awssdk|io\\.bakehouse|[A-Za-z]Exception: ");

    private static AwsClients direct;
    private static String oldAmi;
    private static String newAmi;
    private static Path cfnTemplate;
    private static Path bigTemplate;
    private static Path stackPolicy;
    private static RunnerConfig runnerConfig;
    private static Path packerTemplate;
    private static String reusedAmi;
    private static final AtomicInteger IDS = new AtomicInteger();

    /** The faults of the matrix's columns. */
    enum Column {
        THROTTLE_BURST("throttling x" + BURST),
        THROTTLE_ALWAYS("throttling always"),
        SERVER_BURST("5xx x" + BURST),
        SERVER_ALWAYS("5xx always"),
        RESET_BURST("reset x" + BURST),
        RESET_ALWAYS("reset always"),
        LATENCY("latency " + LATENCY_MS + "ms");

        final String label;

        Column(String label) {
            this.label = label;
        }

        Fault fault() {
            return switch (this) {
                case THROTTLE_BURST, THROTTLE_ALWAYS -> Fault.throttle();
                case SERVER_BURST, SERVER_ALWAYS -> Fault.serverError(503);
                case RESET_BURST, RESET_ALWAYS -> Fault.reset();
                case LATENCY -> Fault.delay(LATENCY_MS);
            };
        }

        int times() {
            return switch (this) {
                case THROTTLE_BURST, SERVER_BURST, RESET_BURST -> BURST;
                default -> Integer.MAX_VALUE;
            };
        }
    }

    enum Kind {
        SURVIVED("survived"),
        WARNED("completed, warned"),
        FAILED_CLEANLY("failed cleanly"),
        FAILED_NAMED("leftover named"),
        VIOLATION("VIOLATION");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record Outcome(Kind kind, String words) {
    }

    /** Something a step left behind; {@code name} is what the step must mention for a person to clean it up. */
    record Leftover(String what, String name) {
    }

    /** The call site of a request: the service it was signed for and its API action. */
    static String site(FaultProxy.Request r) {
        if ("rest".equals(r.protocol())) {
            if ("lambda".equals(r.service()) && r.path().endsWith("/invocations")) {
                return "lambda:Invoke";
            }
            if ("s3".equals(r.service())) {
                String op = switch (r.method()) {
                    case "PUT" -> "PutObject";
                    case "GET" -> "GetObject";
                    case "HEAD" -> "HeadObject";
                    case "DELETE" -> "DeleteObject";
                    default -> r.method();
                };
                return "s3:" + op;
            }
            return r.service() + ":" + r.method() + " " + r.path();
        }
        return r.service() + ":" + r.action();
    }

    // ---- one run of a scenario, with or without a fault

    /** One run's proxies, clients and output; the fault (if any) applies to every proxy it makes. */
    static final class Cell implements AutoCloseable {
        final String id;
        final RecordingReporter reporter = new RecordingReporter();
        final FaultProxy proxy;
        final AwsClients clients;
        private final String row;
        private final Column column;
        private final Scenario scenario;
        private final List<FaultProxy> proxies = Collections.synchronizedList(new ArrayList<>());
        private final List<AwsClients> opened = Collections.synchronizedList(new ArrayList<>());

        Cell(String id, Scenario scenario, String row, Column column) throws IOException {
            this.id = id;
            this.scenario = scenario;
            this.row = row;
            this.column = column;
            this.proxy = newProxy(MOTO::port);
            this.clients = clientsFor(proxy);
        }

        FaultProxy newProxy(IntSupplier upstream) throws IOException {
            FaultProxy p = new FaultProxy(upstream);
            p.start();
            if (row != null) {
                Predicate<FaultProxy.Request> which = r -> row.equals(site(r));
                p.failNext(which, column.times(), column.fault());
            }
            scenario.standingFaults(p, id);
            proxies.add(p);
            return p;
        }

        AwsClients clientsFor(FaultProxy p) {
            AwsClients c = AwsClients.create(MotoServer.settingsFor(p.endpoint()), new AwsEnvironment(Map.of()));
            opened.add(c);
            return c;
        }

        List<String> sites() {
            List<String> all = new ArrayList<>();
            synchronized (proxies) {
                proxies.forEach(p -> p.log().forEach(r -> all.add(site(r))));
            }
            return all;
        }

        /** How many requests to the faulted site reached a proxy. */
        long faultedRequests() {
            return sites().stream().filter(s -> s.equals(row)).count();
        }

        List<String> warnings() {
            return reporter.lines().stream().filter(l -> l.startsWith("warn: ")).map(l -> l.substring(6)).toList();
        }

        @Override
        public void close() {
            opened.forEach(AwsClients::close);
            proxies.forEach(FaultProxy::stop);
        }
    }

    /** A way through one step; {@code rows} are the call sites it is the matrix row for. */
    abstract static class Scenario {
        final String step;
        final String variant;
        final List<String> rows;
        String baseline;
        Set<String> happySites = Set.of();
        int happyWarnings;
        Set<String> happyWarningTexts = Set.of();

        Scenario(String step, String variant, String... rows) {
            this.step = step;
            this.variant = variant;
            this.rows = List.of(rows);
        }

        String label() {
            return step + " (" + variant + ")";
        }


        /** Puts in place, straight in moto, what run {@code id} starts from. */
        void prepare(String id) throws Exception {
        }

        /**
         * Faults that are part of run {@code id} itself (e.g. a refusal that sends the step down its clean-up
         * path, or an answer the emulator cannot give).
         */
        void standingFaults(FaultProxy proxy, String id) {
        }

        /**
         * A warning of run {@code id} in terms independent of the run, to tell a warning the happy path gave
         * from one it did not: the run's id masked, and whatever else differs from run to run.
         */
        String normalized(String warning, String id) {
            return warning.replace(id, "<id>");
        }

        /** Runs the step through the cell's proxy; returns what it achieved, in terms independent of the run's id. */
        abstract String run(Cell cell) throws Exception;

        /** What run {@code id} left half-done; {@code failed}: whether the step failed. */
        List<Leftover> leftovers(String id, boolean failed) {
            return List.of();
        }
    }

    // ---- the scenarios

    static final class PublishScenario extends Scenario {
        PublishScenario() {
            super("publishAmiParam", "overwrite, tag, label", "ec2:DescribeImages", "ssm:GetParameter",
                    "ssm:PutParameter", "ssm:AddTagsToResource", "ssm:LabelParameterVersion");
        }

        static String name(String id) {
            return "/fm/" + id + "/ami";
        }

        @Override
        void prepare(String id) {
            direct.ssm().putParameter(r -> r.name(name(id)).type("String").dataType("aws:ec2:image").value(oldAmi));
        }

        @Override
        String run(Cell cell) {
            Map<String, String> amis = new LinkedHashMap<>();
            amis.put(null, newAmi);
            new AmiParameterPublisher(cell.clients, cell.reporter).publish(new PublishAmiParamRequest(name(cell.id),
                    amis, null, Map.of("build", "42"), null, null, List.of("build-42"), true, false, false));
            Parameter p = direct.ssm().getParameter(r -> r.name(name(cell.id))).parameter();
            List<String> labels = new ArrayList<>();
            for (ParameterHistory h : direct.ssm().getParameterHistory(r -> r.name(name(cell.id))).parameters()) {
                h.labels().forEach(l -> labels.add("v" + h.version() + "=" + l));
            }
            Map<String, String> tags = new TreeMap<>();
            direct.ssm().listTagsForResource(r -> r.resourceType("Parameter").resourceId(name(cell.id))).tagList()
                    .forEach(t -> tags.put(t.key(), t.value()));
            return "value=" + (newAmi.equals(p.value()) ? "new AMI" : p.value()) + " version=" + p.version()
                    + " labels=" + labels + " tags=" + tags;
        }

        @Override
        List<Leftover> leftovers(String id, boolean failed) {
            if (!failed) {
                return List.of(); // the new value is the result, checked with it
            }
            String value = direct.ssm().getParameter(r -> r.name(name(id))).parameter().value();
            return oldAmi.equals(value) ? List.of()
                    : List.of(new Leftover("parameter " + name(id) + " holds " + value, value));
        }
    }

    abstract static class CfnScenario extends Scenario {
        CfnScenario(String variant, String... rows) {
            super("cfnDeploy", variant, rows);
        }

        static String stack(String id) {
            return "fm-" + id;
        }

        CfnDeployRequest.Builder request(String id) {
            // moto finds change sets by name alone, so every run names its own.
            return CfnDeployRequest.builder(stack(id)).template(cfnTemplate.toString()).changeSetName(stack(id) + "-cs")
                    .timeout(Duration.ofMinutes(3));
        }

        static String summary(CfnDeployResult r) {
            return "status=" + r.status() + " executed=" + r.executed() + " noChanges=" + r.noChanges()
                    + " outputs=" + new TreeSet<>(r.outputs() == null ? Set.of() : r.outputs().keySet());
        }

        @Override
        List<Leftover> leftovers(String id, boolean failed) {
            List<Leftover> left = new ArrayList<>();
            Stack stack;
            try {
                List<Stack> stacks = direct.cloudFormation().describeStacks(r -> r.stackName(stack(id))).stacks();
                stack = stacks.isEmpty() ? null : stacks.get(0);
            } catch (CloudFormationException gone) {
                return left;
            }
            if (stack == null || "DELETE_COMPLETE".equals(stack.stackStatusAsString())) {
                return left;
            }
            if ("REVIEW_IN_PROGRESS".equals(stack.stackStatusAsString())) {
                left.add(new Leftover("stack " + stack(id) + " in REVIEW_IN_PROGRESS", stack(id)));
            }
            // moto lists every stack's change sets, with a made-up execution status: ask each one of this stack.
            for (ChangeSetSummary cs : direct.cloudFormation().listChangeSets(r -> r.stackName(stack(id))).summaries()) {
                if (!stack(id).equals(cs.stackName())) {
                    continue;
                }
                DescribeChangeSetResponse d = direct.cloudFormation().describeChangeSet(r -> r.stackName(stack(id))
                        .changeSetName(cs.changeSetName()));
                if (!"EXECUTE_COMPLETE".equals(d.executionStatusAsString())) {
                    left.add(new Leftover("change set " + cs.changeSetName() + " (" + d.statusAsString() + ", "
                            + d.executionStatusAsString() + ")", cs.changeSetName()));
                }
            }
            return left;
        }
    }

    /**
     * A new stack from a local template, a parameter value read from SSM and a stack policy. (Termination
     * protection is left out: moto answers UpdateTerminationProtection with HTTP 500.)
     */
    static final class CfnCreateScenario extends CfnScenario {
        CfnCreateScenario() {
            super("create", "ssm:GetParameters", "cloudformation:DescribeStacks",
                    "cloudformation:CreateChangeSet", "cloudformation:DescribeChangeSet",
                    "cloudformation:DescribeStackEvents", "cloudformation:ExecuteChangeSet",
                    "cloudformation:SetStackPolicy");
        }

        @Override
        void prepare(String id) {
            direct.ssm().putParameter(r -> r.name("/fm/" + id + "/input").type("String").value("from-ssm"));
        }

        @Override
        String run(Cell cell) {
            CfnDeployResult r = FastStackDeployer.of(cell.clients, cell.reporter).deploy(request(cell.id)
                    .params(Map.of("Value", "ssm:/fm/" + cell.id + "/input")).stackPolicy(stackPolicy.toString())
                    .build(), new CancelToken());
            String policy = direct.cloudFormation().getStackPolicy(b -> b.stackName(stack(cell.id))).stackPolicyBody();
            return summary(r) + " echo=" + r.outputs().get("Echo") + " policy=" + (policy != null && policy.contains("Update:*"));
        }
    }

    /** A template over the inline limit goes to S3 first. */
    static final class CfnUploadScenario extends CfnScenario {
        CfnUploadScenario() {
            super("template via S3", "s3:PutObject");
        }

        @Override
        String run(Cell cell) {
            return summary(FastStackDeployer.of(cell.clients, cell.reporter).deploy(request(cell.id)
                    .template(bigTemplate.toString()).s3Bucket("fm-templates").params(Map.of("Value", "big")).build(),
                    new CancelToken()));
        }
    }

    /** CloudFormation refuses to execute: the step deletes its change set and the stack it made for it. */
    static final class CfnCleanUpScenario extends CfnScenario {
        static final String REFUSAL = "refused by the fault matrix";

        CfnCleanUpScenario() {
            super("execution refused, clean-up", "cloudformation:DeleteChangeSet", "cloudformation:DeleteStack");
        }

        @Override
        void standingFaults(FaultProxy proxy, String id) {
            proxy.always(r -> "cloudformation:ExecuteChangeSet".equals(site(r)),
                    Fault.awsError(400, "ValidationError", REFUSAL));
        }

        @Override
        String run(Cell cell) {
            try {
                FastStackDeployer.of(cell.clients, cell.reporter).deploy(request(cell.id)
                        .params(Map.of("Value", "refused")).build(), new CancelToken());
                return "deployed although execution was refused";
            } catch (BakehouseException e) {
                if (!e.getMessage().contains(REFUSAL)) {
                    throw e;
                }
                return "refused: " + e.getMessage().replace(stack(cell.id), "<stack>") + " (a failure by design)";
            }
        }
    }

    static final class PackerReuseScenario extends Scenario {
        PackerReuseScenario() {
            super("packerBuild", "same inputs, AMI reused", "ec2:DescribeImages");
        }

        @Override
        String run(Cell cell) {
            PackerBuildResult r = new PackerBuilder(cell.clients, cell.reporter).build(packerRequest(
                    TMP.getRoot().toPath().resolve("reuse"), Map.of()));
            return "reused=" + r.reused() + " ami=" + (reusedAmi.equals(r.amiId()) ? "the earlier bake's" : r.amiId());
        }
    }

    static final class PackerBakeScenario extends Scenario {
        PackerBakeScenario() {
            super("packerBuild", "new inputs, baked and tagged", "ec2:CreateTags");
        }

        @Override
        void prepare(String id) throws IOException {
            packerDir(id, "app build " + id);
        }

        @Override
        String run(Cell cell) {
            PackerBuildResult r = new PackerBuilder(cell.clients, cell.reporter).build(packerRequest(
                    TMP.getRoot().toPath().resolve(cell.id), Map.of("ami_name", "fm-" + cell.id)));
            Image image = direct.ec2().describeImages(b -> b.imageIds(r.amiId())).images().get(0);
            Map<String, String> tags = new TreeMap<>();
            image.tags().forEach(t -> tags.put(t.key(), t.value()));
            return "reused=" + r.reused() + " state=" + image.stateAsString()
                    + " bakeKeyTag=" + r.bakeKey().equals(tags.get("BakeKey"))
                    + " bakeAmisTag=" + ("us-east-1:" + r.amiId()).equals(tags.get("BakeAmis"));
        }

        @Override
        List<Leftover> leftovers(String id, boolean failed) {
            if (!failed) {
                return List.of(); // the AMI is the result, checked with it
            }
            return direct.ec2().describeImages(b -> b.owners("self")).images().stream()
                    .filter(i -> i.name() != null && i.name().startsWith("fm-" + id + "-"))
                    .map(i -> new Leftover("AMI " + i.imageId() + " of a failed bake", i.imageId())).toList();
        }
    }

    abstract static class RunnerScenario extends Scenario {
        static final List<String> LINES = List.of("Terraform will perform the following actions:", "Plan: 1 to add");

        RunnerScenario(String variant, String... rows) {
            super("ecsDeployRunner", variant, rows);
        }

        static String requestedBy(String id) {
            return "fm-" + id;
        }

        static RunRequest request(String id) {
            return new RunRequest("terraform-planner", "plan", List.of("dev"), null, null, requestedBy(id));
        }

        /** Runs the step with {@code starter}; the container writes its lines and exits once the task has started. */
        static String runAndPlay(Cell cell, TaskStarter starter) {
            TaskPlayer player = new TaskPlayer(direct);
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<TaskProgress> started = new AtomicReference<>();
            DeployRunner runner = new DeployRunner(cell.clients, cell.reporter, lines::add, p -> {
                if (started.compareAndSet(null, p)) {
                    Thread container = new Thread(() -> {
                        player.write(p, LINES);
                        player.exit(p);
                    }, "fault-matrix-container-" + cell.id);
                    container.setDaemon(true);
                    container.start();
                }
            });
            EcsRunResult result = runner.run(starter, request(cell.id), Duration.ofSeconds(20));
            String archived = result.archive() == null ? "none" : direct.s3().getObjectAsBytes(b -> b
                    .bucket("fm-runner-logs").key(result.archive().substring("s3://fm-runner-logs/".length())))
                    .asString(StandardCharsets.UTF_8).replace("\n", "|");
            return "exit=" + result.exitCode() + " lines=" + lines + " archive=" + archived;
        }

        @Override
        List<Leftover> leftovers(String id, boolean failed) {
            List<String> arns = direct.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER).startedBy(requestedBy(id)))
                    .taskArns();
            if (arns.isEmpty()) {
                return List.of();
            }
            List<Leftover> left = new ArrayList<>();
            for (Task t : direct.ecs().describeTasks(r -> r.cluster(RunnerFixtures.CLUSTER).tasks(arns)).tasks()) {
                if (requestedBy(id).equals(t.startedBy()) && !"STOPPED".equals(t.lastStatus())) {
                    left.add(new Leftover("task " + t.taskArn() + " " + t.lastStatus(), t.taskArn()));
                }
            }
            return left;
        }
    }

    static final class RunnerInProcessScenario extends RunnerScenario {
        RunnerInProcessScenario() {
            super("in-process gatekeeper, archived", "ecs:RunTask", "ecs:DescribeTasks", "logs:GetLogEvents",
                    "s3:PutObject");
        }

        @Override
        String run(Cell cell) {
            return runAndPlay(cell, new DirectStarter(runnerConfig, cell.clients.ecs(), cell.reporter));
        }
    }

    static final class RunnerInvokerScenario extends RunnerScenario {
        RunnerInvokerScenario() {
            super("through the invoker function", "lambda:Invoke", "ecs:RunTask");
        }

        @Override
        String run(Cell cell) throws IOException {
            // The invoker starts the task with its own ECS client, through this cell's proxy as well.
            try (InvokerStandIn invoker = new InvokerStandIn(runnerConfig, cell.clients.ecs())) {
                FaultProxy lambdaProxy = cell.newProxy(invoker::port);
                AwsClients lambdaClients = cell.clientsFor(lambdaProxy);
                return runAndPlay(cell, new LambdaStarter(lambdaClients.lambda(), "deploy-runner-invoker", cell.reporter));
            }
        }
    }

    /** An abort while the task runs: the step stops the task. */
    static final class RunnerAbortScenario extends RunnerScenario {
        RunnerAbortScenario() {
            super("aborted", "ecs:StopTask");
        }

        @Override
        String run(Cell cell) {
            AtomicReference<DeployRunner> runner = new AtomicReference<>();
            AtomicReference<TaskProgress> started = new AtomicReference<>();
            runner.set(new DeployRunner(cell.clients, cell.reporter, line -> { }, p -> {
                if (started.compareAndSet(null, p)) {
                    runner.get().cancel("aborted by the fault matrix");
                }
            }));
            try {
                runner.get().run(new DirectStarter(runnerConfig, cell.clients.ecs(), cell.reporter), request(cell.id),
                        Duration.ofSeconds(20));
                return "finished although aborted";
            } catch (TaskStoppedException e) {
                return "stopped: " + e.getMessage().replace(started.get().taskId(), "<task>")
                        + " cancelled=" + e.cancelled();
            }
        }
    }

    /** Every scenario; {@code -Dbakehouse.faultMatrix.steps=cfnDeploy,...} keeps only those steps' (while working on one). */
    static List<Scenario> scenarios() {
        String only = System.getProperty("bakehouse.faultMatrix.steps", "");
        return allScenarios().stream().filter(s -> only.isBlank() || List.of(only.split(",")).contains(s.step)).toList();
    }

    private static List<Scenario> allScenarios() {
        return List.of(new PublishScenario(), new CfnCreateScenario(),
                new CfnUploadScenario(), new CfnCleanUpScenario(), new PackerReuseScenario(), new PackerBakeScenario(),
                new RunnerInProcessScenario(), new RunnerInvokerScenario(), new RunnerAbortScenario(),
                new EcsServiceScenarios.Rollout(), new EcsServiceScenarios.CleanUp(), new EcsServiceScenarios.Failed());
    }

    // ---- fixtures

    @BeforeClass
    public static void fixtures() throws IOException {
        direct = MOTO.clients();
        oldAmi = AwsFixtures.createAmi(direct, "fm-old");
        newAmi = AwsFixtures.createAmi(direct, "fm-new");
        Path root = TMP.getRoot().toPath();
        String template = String.join("\n",
                "Parameters:",
                "  Value:",
                "    Type: String",
                "Resources:",
                "  Queue:",
                "    Type: AWS::SQS::Queue",
                "Outputs:",
                "  QueueUrl:",
                "    Value: !Ref Queue",
                "  Echo:",
                "    Value: !Ref Value",
                "");
        cfnTemplate = Files.writeString(root.resolve("stack.yaml"), template);
        bigTemplate = Files.writeString(root.resolve("big-stack.yaml"),
                ("# " + "x".repeat(98) + "\n").repeat(520) + template);
        stackPolicy = Files.writeString(root.resolve("policy.json"), "{\"Statement\": [{\"Effect\": \"Allow\","
                + " \"Action\": \"Update:*\", \"Principal\": \"*\", \"Resource\": \"*\"}]}");
        direct.s3().createBucket(r -> r.bucket("fm-templates"));
        direct.s3().createBucket(r -> r.bucket("fm-runner-logs"));
        runnerConfig = RunnerConfigLoader.parse(RunnerFixtures.createRunnerResources(direct)
                + "archive: {bucket: fm-runner-logs, prefix: jobs}\n", "runner-config.yaml");
        packerTemplate = root.resolve("local-bake.pkr.hcl");
        try (InputStream in = PackerBuilder.class.getResourceAsStream("local-bake.pkr.hcl")) {
            Files.copy(in, packerTemplate);
        }
        packerDir("reuse", "app build reuse");
        reusedAmi = new PackerBuilder(direct, Reporter.SILENT).build(packerRequest(root.resolve("reuse"), Map.of()))
                .amiId();
        EcsServiceScenarios.fixtures(direct);
    }

    static Path packerDir(String name, String binary) throws IOException {
        Path dir = Files.createDirectories(TMP.getRoot().toPath().resolve(name));
        Files.copy(packerTemplate, dir.resolve("local-bake.pkr.hcl"));
        Files.writeString(dir.resolve("app-binary"), binary);
        return dir;
    }

    static PackerBuildRequest packerRequest(Path dir, Map<String, String> extra) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ec2_endpoint", MOTO.endpoint()); // Packer's own EC2 calls go straight to moto
        vars.put("app_binary", "app-binary");
        vars.putAll(extra);
        return new PackerBuildRequest("local-bake.pkr.hcl", vars, Map.of(), null, null, null, null, false,
                dir.toString(), null, false, Duration.ofMinutes(3));
    }

    // ---- the matrix

    @Test
    public void everyCallSiteOfEveryStep_survivesOrFailsWithWordsLeavingNothingHalfDone() throws Exception {
        long started = System.nanoTime();
        List<Scenario> scenarios = scenarios();
        ExecutorService parallel = Executors.newFixedThreadPool(THREADS);
        try {
            recordHappyPaths(scenarios, parallel);
            checkEveryCallSiteHasARow(scenarios);
            Map<String, Map<Column, Future<Outcome>>> cells = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                for (String row : s.rows) {
                    Map<Column, Future<Outcome>> line = new LinkedHashMap<>();
                    for (Column c : Column.values()) {
                        line.put(c, parallel.submit(() -> runCell(s, row, c)));
                    }
                    cells.put(s.label() + "\u0000" + row, line);
                }
            }
            Map<String, Map<Column, Outcome>> results = new LinkedHashMap<>();
            for (Map.Entry<String, Map<Column, Future<Outcome>>> e : cells.entrySet()) {
                Map<Column, Outcome> line = new LinkedHashMap<>();
                for (Map.Entry<Column, Future<Outcome>> c : e.getValue().entrySet()) {
                    line.put(c.getKey(), c.getValue().get());
                }
                results.put(e.getKey(), line);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String printed = render(results, took);
            System.out.println(printed);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fault-matrix.txt"), printed, StandardCharsets.UTF_8);
            List<String> violations = new ArrayList<>();
            results.forEach((row, line) -> line.forEach((c, o) -> {
                if (o.kind() == Kind.VIOLATION) {
                    violations.add(row.replace('\u0000', ' ') + " / " + c.label + ": " + o.words());
                }
            }));
            if (!violations.isEmpty()) {
                fail(violations.size() + " cell(s) of the fault matrix neither survived nor failed cleanly:\n"
                        + String.join("\n", violations));
            }
        } finally {
            parallel.shutdownNow();
        }
    }

    private static void recordHappyPaths(List<Scenario> scenarios, ExecutorService parallel) throws Exception {
        Map<Scenario, Future<?>> runs = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            runs.put(s, parallel.submit(() -> {
                String id = "h" + IDS.incrementAndGet();
                s.prepare(id);
                try (Cell cell = new Cell(id, s, null, null)) {
                    s.baseline = s.run(cell);
                    s.happySites = new LinkedHashSet<>(cell.sites());
                    assertEquals(s.label() + " left something behind without any fault", List.of(), s.leftovers(id, false));
                    s.happyWarnings = cell.warnings().size(); // an abort warns that it stopped the task
                    s.happyWarningTexts = cell.warnings().stream().map(w -> s.normalized(w, id))
                            .collect(Collectors.toSet());
                }
                return null;
            }));
        }
        for (Future<?> f : runs.values()) {
            f.get();
        }
    }

    /** The list of call sites is the scenarios' rows; whatever a happy path sends must have a row. */
    private static void checkEveryCallSiteHasARow(List<Scenario> scenarios) {
        Map<String, Set<String>> rows = new TreeMap<>();
        Map<String, Set<String>> sent = new TreeMap<>();
        for (Scenario s : scenarios) {
            rows.computeIfAbsent(s.step, k -> new TreeSet<>()).addAll(s.rows);
            sent.computeIfAbsent(s.step, k -> new TreeSet<>()).addAll(s.happySites);
            for (String row : s.rows) {
                assertTrue(s.label() + " is the row for " + row + " but its happy path does not call it (it sent "
                        + s.happySites + ")", s.happySites.contains(row));
            }
        }
        sent.forEach((step, sites) -> {
            Set<String> missing = new TreeSet<>(sites);
            missing.removeAll(rows.get(step));
            assertTrue(step + " calls " + missing + " but the fault matrix has no row for it: add the call site to"
                    + " a scenario's rows", missing.isEmpty());
        });
    }

    static Outcome runCell(Scenario s, String row, Column column) {
        String id = "c" + IDS.incrementAndGet();
        try {
            s.prepare(id);
        } catch (Exception e) {
            return new Outcome(Kind.VIOLATION, "could not prepare the run: " + e);
        }
        try (Cell cell = new Cell(id, s, row, column)) {
            String summary = null;
            Throwable failure = null;
            try {
                summary = s.run(cell);
            } catch (Throwable t) {
                failure = t;
            }
            if (cell.faultedRequests() == 0) {
                return new Outcome(Kind.VIOLATION, "the step never called " + row + " under this fault");
            }
            return judge(s, cell, summary, failure, s.leftovers(id, failure != null));
        } catch (Exception e) {
            return new Outcome(Kind.VIOLATION, "the run could not be checked: " + e);
        }
    }

    static Outcome judge(Scenario s, Cell cell, String summary, Throwable failure, List<Leftover> left) {
        List<String> warnings = cell.warnings();
        String secret = cell.reporter.lines().stream().filter(l -> l.contains(MotoServer.SECRET_KEY)).findFirst()
                .orElse(null);
        if (secret != null) {
            return new Outcome(Kind.VIOLATION, "the secret key reached the output: " + secret);
        }
        if (failure == null) {
            if (!left.isEmpty()) {
                // A scenario that ends in a failure by design (a refusal, an abort) may leave what it could
                // not clean up, as long as it says so.
                String said = String.join(" ", warnings);
                if (summary.equals(s.baseline) && left.stream().allMatch(l -> said.contains(l.name()))) {
                    return new Outcome(Kind.FAILED_NAMED, "warned \"" + String.join(" / ", warnings) + "\"");
                }
                return new Outcome(Kind.VIOLATION, "finished but left " + describe(left)
                        + (warnings.isEmpty() ? "" : " (warned: " + String.join(" / ", warnings) + ")"));
            }
            if (summary.equals(s.baseline)) {
                return new Outcome(Kind.SURVIVED, null);
            }
            if (warnings.size() > s.happyWarnings
                    || warnings.stream().anyMatch(w -> !s.happyWarningTexts.contains(s.normalized(w, cell.id)))) {
                return new Outcome(Kind.WARNED, String.join(" / ", warnings));
            }
            return new Outcome(Kind.VIOLATION, "finished silently with another result: " + summary
                    + " (without the fault: " + s.baseline + ")");
        }
        if (!(failure instanceof BakehouseException e)) {
            return new Outcome(Kind.VIOLATION, "threw " + failure.getClass().getName() + ": "
                    + String.valueOf(failure.getMessage()).lines().findFirst().orElse(""));
        }
        String bad = wordProblem(e.getMessage());
        if (bad == null && e.hint() != null) {
            bad = wordProblem(e.hint());
        }
        if (bad != null) {
            return new Outcome(Kind.VIOLATION, "failed, but its message " + bad + ": " + e.getMessage());
        }
        String words = "\"" + e.getMessage() + "\"";
        if (left.isEmpty()) {
            return new Outcome(Kind.FAILED_CLEANLY, words);
        }
        String said = e.getMessage() + " " + e.hint() + " " + String.join(" ", warnings);
        List<Leftover> unnamed = left.stream().filter(l -> !said.contains(l.name())).toList();
        if (unnamed.isEmpty()) {
            return new Outcome(Kind.FAILED_NAMED, words + (warnings.isEmpty() ? "" : "; warned \""
                    + String.join(" / ", warnings) + "\""));
        }
        return new Outcome(Kind.VIOLATION, "failed (" + words + ") and left " + describe(unnamed) + " without naming it");
    }

    /** Why {@code text} is not a one-line cause a person can read, or {@code null} if it is. */
    static String wordProblem(String text) {
        if (text == null || text.isBlank()) {
            return "is empty";
        }
        if (text.contains("\n") || text.contains("\r")) {
            return "has more than one line";
        }
        if (TRACE_TEXT.matcher(text).find()) {
            return "has stack-trace text";
        }
        if (text.contains(MotoServer.SECRET_KEY)) {
            return "has the secret key";
        }
        return null;
    }

    private static String describe(List<Leftover> left) {
        return left.stream().map(Leftover::what).collect(Collectors.joining(", "));
    }

    // ---- the printed matrix

    static String render(Map<String, Map<Column, Outcome>> results, Duration took) {
        int cells = results.size() * Column.values().length;
        Map<Kind, Integer> counts = new TreeMap<>();
        results.values().forEach(line -> line.values().forEach(o -> counts.merge(o.kind(), 1, Integer::sum)));
        StringBuilder out = new StringBuilder();
        out.append("Fault matrix: ").append(results.size()).append(" call sites x ").append(Column.values().length)
                .append(" faults = ").append(cells).append(" runs in ").append(took.toSeconds()).append("s (")
                .append(THREADS).append(" at a time); ")
                .append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label)
                        .collect(Collectors.joining(", "))).append('\n');
        out.append("x").append(BURST).append(": the first ").append(BURST).append(" calls of the site fail (the SDK"
                + " makes 3 attempts); always: every call fails; 5xx: a bare HTTP 503; reset: TCP RST before an"
                + " answer; latency: added to every call of the site.\n\n");
        int siteWidth = "step (path) / call site".length();
        for (String key : results.keySet()) {
            siteWidth = Math.max(siteWidth, rowName(key).length());
        }
        int cellWidth = 0;
        for (Column c : Column.values()) {
            cellWidth = Math.max(cellWidth, c.label.length());
        }
        for (Kind k : Kind.values()) {
            cellWidth = Math.max(cellWidth, k.label.length());
        }
        out.append(pad("step (path) / call site", siteWidth));
        for (Column c : Column.values()) {
            out.append(" | ").append(pad(c.label, cellWidth));
        }
        out.append('\n').append("-".repeat(siteWidth + Column.values().length * (cellWidth + 3))).append('\n');
        for (Map.Entry<String, Map<Column, Outcome>> e : results.entrySet()) {
            out.append(pad(rowName(e.getKey()), siteWidth));
            for (Column c : Column.values()) {
                out.append(" | ").append(pad(e.getValue().get(c).kind().label, cellWidth));
            }
            out.append('\n');
        }
        out.append("\nIn words (every cell that did not simply survive):\n");
        for (Map.Entry<String, Map<Column, Outcome>> e : results.entrySet()) {
            for (Column c : Column.values()) {
                Outcome o = e.getValue().get(c);
                if (o.kind() != Kind.SURVIVED) {
                    out.append("  ").append(rowName(e.getKey())).append(" / ").append(c.label).append(" -> ")
                            .append(o.kind().label).append(": ").append(o.words()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String rowName(String key) {
        int split = key.indexOf('\u0000');
        return key.substring(0, split) + " " + key.substring(split + 1);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
