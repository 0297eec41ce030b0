package io.bakehouse.jenkins.live;

import io.bakehouse.jenkins.build.Distribution;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.ServiceFixtures;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.rules.ExternalResource;

/**
 * The real Jenkins of the distribution, as the plugin's users run it, for the live tests: a
 * controller on 127.0.0.1 with its own JENKINS_HOME under {@code target/live/}, configured only by
 * configuration as code, with the distribution's plugins and the {@code bakehouse.hpi} this build
 * just made; a real inbound agent labelled {@code ecs-fargate} (the controller's own
 * {@code agent.jar}, over WebSocket), so every step's work crosses remoting as it does on the
 * ECS/Fargate agents; and a moto server. All three are stopped whatever happens (after the suite,
 * and by a shutdown hook if the JVM ends first).
 *
 * <p>The controller has no executor: every build runs on the agent. Its configuration holds a
 * username/password credential {@value #CREDENTIALS_ID} with moto's test keys, a Secret text
 * credential {@value #BUILD_URL_CREDENTIALS_ID} holding a canary URL, three AWS credentials
 * (aws-credentials): keys only ({@value #AWS_CREDENTIALS_ID}), keys and a role to assume with an
 * external ID ({@value #AWS_ROLE_CREDENTIALS_ID}) and keys with an MFA device
 * ({@value #AWS_MFA_CREDENTIALS_ID}), and the Bakehouse defaults {@link #DEFAULT_REGION} and
 * {@link #DEFAULT_INVOKER}. A Jenkins set up without the aws-credentials plugin
 * ({@link Setup#leftOutPlugins()}) takes {@link #cascWithoutAwsCredentials()} instead.
 */
public final class LiveJenkins extends ExternalResource {

    public static final String AGENT = "fargate-1";
    public static final String LABEL = "ecs-fargate";
    public static final String CREDENTIALS_ID = "moto-keys";
    /** The access key ID of {@link #CREDENTIALS_ID} (moto takes any key). */
    public static final String ACCESS_KEY = "AKIABAKEHOUSELIVE001";
    /** Its secret key: new for every run, so finding it anywhere is a leak of this run's. */
    public static final String SECRET_KEY = "live-secret-" + java.util.UUID.randomUUID();
    /** A Secret text credential holding {@link #BUILD_URL_SECRET}, for {@code packerBuild}'s sensitiveVars. */
    public static final String BUILD_URL_CREDENTIALS_ID = "build-url-secret";
    /** Its value: a canary, new for every run, so finding it anywhere but in the AMI is a leak of this run's. */
    public static final String BUILD_URL_SECRET = "https://ci.invalid/job/bake-app/1/?token=canary-"
            + java.util.UUID.randomUUID();
    /** An AWS credential (aws-credentials' type) holding keys only. */
    public static final String AWS_CREDENTIALS_ID = "moto-aws-keys";
    /** An AWS credential whose keys assume {@link #AWS_CREDENTIAL_ROLE} with {@link #AWS_CREDENTIAL_EXTERNAL_ID}. */
    public static final String AWS_ROLE_CREDENTIALS_ID = "moto-aws-role";
    /** An AWS credential with an MFA device, which no pipeline can use. */
    public static final String AWS_MFA_CREDENTIALS_ID = "moto-aws-mfa";
    /** The access key ID of the three AWS credentials. */
    public static final String AWS_ACCESS_KEY = "AKIABAKEHOUSEAWSCRED1";
    /** Their secret key, new for every run. */
    public static final String AWS_SECRET_KEY = "live-aws-secret-" + java.util.UUID.randomUUID();
    /** The IAM role {@link #AWS_ROLE_CREDENTIALS_ID} (and {@link #AWS_MFA_CREDENTIALS_ID}) names, and its external ID. */
    public static final String AWS_CREDENTIAL_ROLE = "arn:aws:iam::123456789012:role/bakehouse-jenkins-credential";
    public static final String AWS_CREDENTIAL_EXTERNAL_ID = "credential-external-id-" + java.util.UUID.randomUUID();
    /** The Bakehouse default region configured in Manage Jenkins (by configuration as code). */
    public static final String DEFAULT_REGION = "eu-central-1";
    /** The Bakehouse default invoker function configured in Manage Jenkins. */
    public static final String DEFAULT_INVOKER = "bakehouse-invoker-from-casc";
    private static final long START_TIMEOUT_MS = 180_000;
    private static final long AGENT_TIMEOUT_MS = 60_000;

    /**
     * What differs between two live Jenkins: where it lives (under {@code target/}), its
     * configuration as code, the environment of the controller (which the configuration's
     * {@code ${VAR}}s read) and of the agent, the user REST calls log in as (null: anonymous),
     * and the plugins of the distribution it goes without (short names; the rest are installed).
     * The functions run once moto is up, so they may name its endpoint.
     */
    public record Setup(Path dir, Function<LiveJenkins, String> casc,
                        Function<LiveJenkins, Map<String, String>> controllerEnv,
                        Function<LiveJenkins, Map<String, String>> agentEnv, String user, String password,
                        Set<String> leftOutPlugins) {
    }

    /**
     * moto; the suite's (the default constructor's) starts with {@link ServiceFixtures#RUNNING}: an ECS
     * service it creates reports one running task, so a service that wants one reads COMPLETED and one
     * that wants more stays IN_PROGRESS (ecsServiceDeploy's tests; see {@link LiveServices}). Nothing
     * else the suite does uses ECS services.
     */
    private final MotoServer moto;
    private final Setup setup;
    private final Path work;
    private final Path home;
    private final Path agentFs;
    private Process controller;
    private Process agent;
    private int port;
    private Path controllerLog;
    private int starts;
    private JenkinsRest rest;
    private final Thread hook = new Thread(this::stopAll, "live-jenkins-stop");
    /** The controller's start time and resident memory, for the benchmark. */
    private final List<String> measurements = new ArrayList<>();

    /** The suite's Jenkins: anonymous access, the test credentials and the Bakehouse defaults. */
    public LiveJenkins() {
        this(new Setup(Path.of(System.getProperty("bakehouse.liveDir", "target/live")), LiveJenkins::casc,
                j -> Map.of(), j -> Map.of(), null, null, Set.of()), ServiceFixtures.RUNNING);
    }

    public LiveJenkins(Setup setup) {
        this(setup, Map.of());
    }

    /** A Jenkins whose moto server starts with {@code motoSwitches}, e.g. {@code MOTO_ECS_SERVICE_RUNNING}. */
    public LiveJenkins(Setup setup, Map<String, String> motoSwitches) {
        this.moto = new MotoServer(motoSwitches);
        this.setup = setup;
        this.work = setup.dir().toAbsolutePath();
        this.home = work.resolve("home");
        this.agentFs = work.resolve("agent");
    }

    @Override
    protected void before() throws Throwable {
        Runtime.getRuntime().addShutdownHook(hook);
        moto.start();
        prepareHome();
        port = freePort();
        startController();
        startAgent();
    }

    @Override
    protected void after() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void stopAll() {
        if (controller != null && controller.isAlive()) {
            measurements.add("end rss_kib " + rssKib(controller));
        }
        stop(agent, false);
        agent = null;
        stop(controller, false);
        controller = null;
        moto.stop();
        writeMeasurements();
    }

    public MotoServer moto() {
        return moto;
    }

    public JenkinsRest rest() {
        return rest;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public Path home() {
        return home;
    }

    /** The agent's name, label and root folder as configuration as code declares the node. */
    public String agentNodeYaml() {
        return """
                    - permanent:
                        name: "%s"
                        labelString: "%s"
                        remoteFS: "%s"
                        numExecutors: 3
                        mode: EXCLUSIVE
                        retentionStrategy: "always"
                        launcher:
                          inbound:
                            webSocket: true
                            workDirSettings:
                              disabled: false
                              failIfWorkDirIsMissing: false
                              internalDir: "remoting"
                """.formatted(AGENT, LABEL, agentFs);
    }

    /** The agent's root folder; a job's workspace is {@code workspace/JOB} under it. */
    public Path agentFs() {
        return agentFs;
    }

    public Path workspace(String job) {
        return agentFs.resolve("workspace").resolve(job);
    }

    /** Everything Jenkins keeps of a build: {@code jobs/JOB/builds/N}. */
    public Path buildDir(String job, int number) {
        return home.resolve("jobs").resolve(job).resolve("builds").resolve(String.valueOf(number));
    }

    public String controllerLog() throws IOException {
        return Files.readString(controllerLog, StandardCharsets.UTF_8);
    }

    /**
     * Stops the controller, by SIGTERM (an orderly shutdown) or, with {@code hard}, SIGKILL, and
     * starts it again on the same port and home; the agent process stays and connects again by
     * itself, as an inbound agent does. Returns once the controller is up and the agent online.
     */
    public void restart(boolean hard) throws IOException, InterruptedException {
        stop(controller, hard);
        controller = null;
        startController();
        rest.awaitAgentOnline(AGENT, AGENT_TIMEOUT_MS);
    }

    private void prepareHome() throws IOException {
        deleteTree(work);
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(agentFs);
        List<String> left = new ArrayList<>(setup.leftOutPlugins());
        try (Stream<Path> jpis = Files.list(Distribution.folder().resolve("plugins"))) {
            for (Path jpi : jpis.filter(p -> p.toString().endsWith(".jpi")).toList()) {
                if (!left.remove(jpi.getFileName().toString().replaceFirst("\\.jpi$", ""))) {
                    Files.copy(jpi, plugins.resolve(jpi.getFileName()));
                }
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionError("the distribution has no plugins " + left + " to leave out");
        }
        Path hpi = Path.of(System.getProperty("bakehouse.hpi", "target/bakehouse.hpi"));
        if (!Files.isRegularFile(hpi)) {
            throw new AssertionError("no plugin to test at " + hpi.toAbsolutePath() + ": run mvn verify");
        }
        Files.copy(hpi, plugins.resolve("bakehouse.jpi"));
        Files.writeString(work.resolve("casc.yaml"), setup.casc().apply(this), StandardCharsets.UTF_8);
    }

    /** The folder this Jenkins keeps its home, agent and logs in. */
    public Path work() {
        return work;
    }

    /** The suite's configuration: {@link #cascWithoutAwsCredentials()} and the three AWS credentials. */
    private String casc() {
        return cascWith("""
                          - aws:
                              scope: GLOBAL
                              id: "%s"
                              description: "moto keys as AWS Credentials"
                              accessKey: "%s"
                              secretKey: "%s"
                          - aws:
                              scope: GLOBAL
                              id: "%s"
                              description: "moto keys that assume a role first"
                              accessKey: "%s"
                              secretKey: "%s"
                              iamRoleArn: "%s"
                              iamExternalId: "%s"
                          - aws:
                              scope: GLOBAL
                              id: "%s"
                              description: "moto keys behind an MFA device"
                              accessKey: "%s"
                              secretKey: "%s"
                              iamRoleArn: "%s"
                              iamMfaSerialNumber: "arn:aws:iam::123456789012:mfa/bakehouse-ci"
                """.formatted(AWS_CREDENTIALS_ID, AWS_ACCESS_KEY, AWS_SECRET_KEY,
                AWS_ROLE_CREDENTIALS_ID, AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_CREDENTIAL_ROLE, AWS_CREDENTIAL_EXTERNAL_ID,
                AWS_MFA_CREDENTIALS_ID, AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_CREDENTIAL_ROLE));
    }

    /** The configuration of a Jenkins without aws-credentials: the same, less the AWS credentials. */
    String cascWithoutAwsCredentials() {
        return cascWith("");
    }

    private String cascWith(String moreCredentials) {
        return """
                jenkins:
                  systemMessage: "Bakehouse live tests"
                  numExecutors: 0
                  nodes:
                %s
                credentials:
                  system:
                    domainCredentials:
                      - credentials:
                          - usernamePassword:
                              scope: GLOBAL
                              id: "%s"
                              description: "moto's test keys"
                              username: "%s"
                              password: "%s"
                          - string:
                              scope: GLOBAL
                              id: "%s"
                              description: "a canary secret for packerBuild's sensitiveVars"
                              secret: "%s"
                %s
                unclassified:
                  bakehouse:
                    region: "%s"
                    invokerFunction: "%s"
                """.formatted(agentNodeYaml().stripTrailing(), CREDENTIALS_ID, ACCESS_KEY, SECRET_KEY,
                BUILD_URL_CREDENTIALS_ID, BUILD_URL_SECRET, moreCredentials.stripTrailing(), DEFAULT_REGION,
                DEFAULT_INVOKER);
    }

    private void startController() throws IOException, InterruptedException {
        starts++;
        controllerLog = work.resolve("controller-" + starts + ".log");
        Path war = Distribution.folder().resolve("jenkins.war");
        ProcessBuilder pb = new ProcessBuilder(javaExecutable(), "-Xmx1g", "-Djava.awt.headless=true",
                "-Djenkins.install.runSetupWizard=false", "-Dhudson.model.UpdateCenter.never=true",
                "-Dhudson.model.DownloadService.never=true",
                "-jar", war.toString(), "--httpListenAddress=127.0.0.1", "--httpPort=" + port,
                "--webroot=" + work.resolve("webroot"))
                .redirectErrorStream(true).redirectOutput(controllerLog.toFile());
        cleanAwsEnvironment(pb.environment());
        pb.environment().putAll(setup.controllerEnv().apply(this));
        pb.environment().put("JENKINS_HOME", home.toString());
        pb.environment().put("CASC_JENKINS_CONFIG", work.resolve("casc.yaml").toString());
        long t0 = System.nanoTime();
        controller = pb.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            String log = Files.exists(controllerLog) ? Files.readString(controllerLog, StandardCharsets.ISO_8859_1) : "";
            if (log.contains("Jenkins is fully up and running")) {
                break;
            }
            if (!controller.isAlive() || System.currentTimeMillis() > deadline || log.contains("Failed startup")) {
                throw new AssertionError("the Jenkins controller did not start; its log:\n" + tail(log));
            }
            Thread.sleep(200);
        }
        long startedMs = (System.nanoTime() - t0) / 1_000_000;
        rest = new JenkinsRest(url(), setup.user(), setup.password());
        measurements.add("start " + starts + " ms " + startedMs + " rss_kib " + rssKib(controller));
    }

    private void startAgent() throws IOException, InterruptedException {
        Path agentJar = work.resolve("agent.jar");
        rest.download("jnlpJars/agent.jar", agentJar);
        String secret = rest.script("println(jenkins.model.Jenkins.get().getComputer('" + AGENT + "').getJnlpMac())")
                .trim();
        if (!secret.matches("[0-9a-f]{64}")) {
            throw new AssertionError("no agent secret from the controller: " + secret);
        }
        ProcessBuilder pb = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-jar", agentJar.toString(),
                "-url", url(), "-name", AGENT, "-secret", "@" + writeSecret(secret), "-workDir", agentFs.toString(),
                "-webSocket")
                .redirectErrorStream(true).redirectOutput(work.resolve("agent.log").toFile());
        cleanAwsEnvironment(pb.environment());
        pb.environment().putAll(setup.agentEnv().apply(this));
        agent = pb.start();
        rest.awaitAgentOnline(AGENT, AGENT_TIMEOUT_MS);
    }

    /** The agent reads its secret from a file, so it never shows on a command line. */
    private Path writeSecret(String secret) throws IOException {
        Path file = work.resolve("agent-secret");
        Files.writeString(file, secret, StandardCharsets.US_ASCII);
        return file;
    }

    /** Builds talk to moto only: no AWS identity, profile or metadata service of the machine's. */
    private static void cleanAwsEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
    }

    private static void stop(Process p, boolean hard) {
        if (p == null) {
            return;
        }
        try {
            if (hard) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                return;
            }
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Resident memory of the controller now, in KiB (from /proc), or -1 where unknown. */
    public long controllerRssKib() {
        return rssKib(controller);
    }

    private static long rssKib(Process p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Notes a figure for the benchmark ({@code target/live/measurements.txt}). */
    public synchronized void measure(String line) {
        measurements.add(line);
    }

    private synchronized void writeMeasurements() {
        try {
            if (Files.isDirectory(work)) {
                Files.write(work.resolve("measurements.txt"), measurements, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                File f = p.toFile();
                if (!f.delete() && f.exists()) {
                    throw new IOException("could not delete " + p);
                }
            }
        }
    }
}
