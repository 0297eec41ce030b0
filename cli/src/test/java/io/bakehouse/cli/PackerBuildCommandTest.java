package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/** `bakehouse packer-build` on the app's real template, in its local mode, against moto. */
public class PackerBuildCommandTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private static final Path TEMPLATE = Path.of("..", "packer", "bakehouse-app.pkr.hcl").toAbsolutePath().normalize();

    private AwsClients clients;
    private Path work;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        work = temp.newFolder("work").toPath();
        Files.writeString(work.resolve("bakehouse-app-linux-amd64"), "the app binary, build 42");
    }

    private CliRun bake(String... extra) {
        return CliRun.run(MOTO.environment(), CliRun.concat(new String[] {"packer-build",
                "--template", TEMPLATE.toString(), "--working-dir", work.toString(), "--only", "local.*",
                "--var", "app_version=1.4.2", "--var", "git_sha=9f1c2ab",
                "--var", "local_ec2_endpoint=" + MOTO.endpoint(),
                "--var", "app_binary=bakehouse-app-linux-amd64",
                "--var", "manifest_path=manifest.json", "--output", "json"}, extra));
    }

    private static String tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    @Test
    public void packerBuild_appTemplate_bakesTaggedAmi_publishes_thenReuses_thenRebakes() throws Exception {
        CliRun first = bake();

        assertEquals(first.toString(), 0, first.exitCode());
        JsonNode result = Json.mapper().readTree(first.out());
        String ami = result.get("amiId").asText();
        String key = result.get("bakeKey").asText();
        assertFalse(result.get("reused").asBoolean());
        assertEquals(ami, result.get("amis").get("us-east-1").asText());
        assertEquals("local.amazon-ebs.app", result.get("artifacts").get(0).get("buildName").asText());
        assertEquals(work.resolve("manifest.json").toString(), result.get("manifest").asText());
        assertTrue(first.err(), first.err().contains("==> local.amazon-ebs.app: Creating AMI"));
        Image image = clients.ec2().describeImages(r -> r.imageIds(ami)).images().get(0);
        assertEquals("available", image.stateAsString());
        assertEquals(key, tag(image, "BakeKey"));
        assertEquals("bakehouse-app", tag(image, "App"));
        assertEquals("1.4.2", tag(image, "Version"));
        assertEquals("9f1c2ab", tag(image, "GitSha"));

        CliRun publish = CliRun.run(MOTO.environment(), "publish-ami-param",
                "--name", "/DeploymentConfig/dev/App/AmiId", "--ami-id", ami);
        assertEquals(publish.toString(), 0, publish.exitCode());
        assertEquals(ami, clients.ssm().getParameter(r -> r.name("/DeploymentConfig/dev/App/AmiId")).parameter().value());

        CliRun second = bake();
        assertEquals(second.toString(), 0, second.exitCode());
        JsonNode reused = Json.mapper().readTree(second.out());
        assertTrue(second.toString(), reused.get("reused").asBoolean());
        assertEquals(ami, reused.get("amiId").asText());
        assertEquals(key, reused.get("bakeKey").asText());
        assertTrue(second.err(), second.err().contains("Reusing " + ami));

        Thread.sleep(1_100); // the template names AMIs to the second
        CliRun third = bake("--rebake");
        assertEquals(third.toString(), 0, third.exitCode());
        JsonNode rebaked = Json.mapper().readTree(third.out());
        assertFalse(rebaked.get("reused").asBoolean());
        assertNotEquals(ami, rebaked.get("amiId").asText());
        assertEquals(key, rebaked.get("bakeKey").asText());
    }

    @Test
    public void packerBuild_textOutput_summaryLine() {
        CliRun run = CliRun.run(MOTO.environment(), "packer-build", "--template", TEMPLATE.toString(),
                "--working-dir", work.toString(), "--only", "local.*", "--var", "app_version=2.0.0",
                "--var", "git_sha=abcdef1", "--var", "local_ec2_endpoint=" + MOTO.endpoint(),
                "--var", "manifest_path=manifest.json");

        assertEquals(run.toString(), 0, run.exitCode());
        assertTrue(run.out(), run.out().matches("ami-[0-9a-f]+ baked, bake key [0-9a-f]{64}\\R"));
    }

    @Test
    public void packerBuild_packerMissing_usageErrorWithInstallInstruction() {
        CliRun run = bake("--packer", "/nonexistent/packer");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("Packer was not found at /nonexistent/packer"));
        assertTrue(run.err(), run.err().contains("apt-get install packer"));
        assertEquals("", run.out());
    }

    @Test
    public void packerBuild_invalidVariable_failsWithPackersMessage() {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        CliRun run = CliRun.run(env, "packer-build", "--template", TEMPLATE.toString(),
                "--working-dir", work.toString(), "--only", "local.*", "--var", "app_version=1.4.2",
                "--var", "git_sha=9f1", "--var", "local_ec2_endpoint=" + MOTO.endpoint());

        assertEquals(run.toString(), ExitCodes.FAILURE, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: Packer rejected the template bakehouse-app.pkr.hcl"));
        assertTrue(run.err(), run.err().contains("The git_sha variable must hold a commit id of at least 7 characters."));
    }

    @Test
    public void packerBuild_sigintMidBuild_packerCleansUpAndCommandExits130() throws Exception {
        // Holds CreateImage long enough that the interrupt lands mid-call even on a loaded machine;
        // an interrupted Packer abandons the call, so the hold costs nothing when all is well.
        proxy.always("CreateImage", Fault.delay(60_000));
        // A process started in the background inherits SIGINT as ignored, and a JVM started so never runs
        // its shutdown hooks on Ctrl-C. Start the CLI as a terminal would: SIGINT at its default.
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Bakehouse.class.getName(),
                "packer-build", "--template", TEMPLATE.toString(), "--working-dir", work.toString(), "--only", "local.*",
                "--var", "app_version=1.4.2", "--var", "git_sha=9f1c2ab",
                "--var", "local_ec2_endpoint=" + proxy.endpoint()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(MOTO.environment());
        Process cli = pb.start();
        long until = System.currentTimeMillis() + 60_000;
        while (proxy.requests("CreateImage") == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        List<ProcessHandle> tree = cli.descendants().toList();
        assertTrue(Files.readString(work.resolve("out.txt")), proxy.requests("CreateImage") > 0);
        assertTrue(tree.stream().anyMatch(p -> p.info().command().orElse("").contains("packer")));

        new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();

        assertTrue("the command did not end", cli.waitFor(120, TimeUnit.SECONDS));
        String out = Files.readString(work.resolve("out.txt"));
        assertEquals(out, ExitCodes.INTERRUPTED, cli.exitValue());
        assertTrue(out, out.contains("error: packer build was cancelled"));
        assertTrue(out, out.contains("Terminating the source AWS instance"));
        for (ProcessHandle p : tree) {
            assertFalse("still running: " + p.info().commandLine().orElse(String.valueOf(p.pid())), p.isAlive());
        }
    }

    @Test
    public void packerBuild_badTimeout_usageError() {
        CliRun run = bake("--timeout", "soon");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("timeout 'soon' is not a duration"));
    }

    @Test
    public void packerBuild_literalSensitiveVar_refusedWithoutEchoingIt_pointingToEnvAndFile() {
        CliRun run = bake("--sensitive-var", "build_url=hunter2-literal");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertFalse(run.err(), run.err().contains("hunter2-literal"));
        assertEquals(run.err(), "error: --sensitive-var is refused: a value on the command line can be read by every"
                + " process on the machine", run.err().lines().findFirst().orElse(""));
        assertTrue(run.err(), run.err().contains("--sensitive-var-env NAME=ENVVAR or --sensitive-var-file NAME=FILE"));
        assertEquals("", run.out());
    }

    @Test
    public void packerBuild_sensitiveVarEnvUnsetOrFileMissing_usageErrorsNamingWhere() {
        CliRun env = bake("--sensitive-var-env", "build_url=NO_SUCH_VARIABLE_SET");
        assertEquals(env.toString(), ExitCodes.USAGE, env.exitCode());
        assertTrue(env.err(), env.err().contains("sensitive variable 'build_url': the environment variable"
                + " NO_SUCH_VARIABLE_SET is not set"));

        CliRun file = bake("--sensitive-var-file", "build_url=" + work.resolve("missing.secret"));
        assertEquals(file.toString(), ExitCodes.USAGE, file.exitCode());
        assertTrue(file.err(), file.err().contains("sensitive variable 'build_url': " + work.resolve("missing.secret")
                + " is not a file"));
    }

    @Test
    public void help_suggestsNoSecretOnTheCommandLine() {
        CliRun run = CliRun.run(Map.of(), "packer-build", "--help");

        assertEquals(0, run.exitCode());
        assertFalse(run.out(), run.out().contains("$DB_PASSWORD"));
        assertTrue(run.out(), run.out().contains("--sensitive-var-env db_password=DB_PASSWORD"));
        assertTrue(run.out(), run.out().contains("--sensitive-var-file=NAME=FILE"));
        assertFalse(run.out(), run.out().contains("--sensitive-var=NAME=VALUE"));
    }
}
