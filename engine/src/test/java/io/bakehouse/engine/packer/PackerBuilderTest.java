package io.bakehouse.engine.packer;

import io.bakehouse.testkit.RecordingReporter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Real Packer 1.6.6 bakes of a local-mode template against moto. */
public class PackerBuilderTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final RecordingReporter reporter = new RecordingReporter();
    private AwsClients clients;
    private Path dir;

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        clients = MOTO.clients();
        dir = temp.newFolder("bake").toPath();
        try (InputStream in = getClass().getResourceAsStream("local-bake.pkr.hcl")) {
            Files.copy(in, dir.resolve("local-bake.pkr.hcl"));
        }
        Files.writeString(dir.resolve("app-binary"), "app build 1");
    }

    private PackerBuildRequest request(Map<String, String> extraVars, Map<String, String> sensitive, boolean rebake,
                                       Duration timeout) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ec2_endpoint", MOTO.endpoint());
        vars.put("app_binary", "app-binary");
        vars.putAll(extraVars);
        return new PackerBuildRequest("local-bake.pkr.hcl", vars, sensitive, null, null, null, null, false,
                dir.toString(), null, rebake, timeout);
    }

    private PackerBuildRequest request(Map<String, String> extraVars) {
        return request(extraVars, Map.of(), false, null);
    }

    private Image image(String amiId) {
        return clients.ec2().describeImages(r -> r.imageIds(amiId)).images().get(0);
    }

    private static String tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    @Test
    public void build_localTemplate_amiTaggedWithBakeKeyAndManifestReturned() {
        PackerBuildResult result = new PackerBuilder(clients, reporter).build(request(Map.of()));

        assertFalse(result.reused());
        Image image = image(result.amiId());
        assertEquals("available", image.stateAsString());
        assertEquals(result.bakeKey(), tag(image, "BakeKey"));
        assertEquals("bakehouse-test", tag(image, "Purpose"));
        assertEquals("us-east-1:" + result.amiId(), tag(image, "BakeAmis"));
        assertEquals(Map.of("us-east-1", result.amiId()), result.amis());
        assertEquals(1, result.artifacts().size());
        assertEquals("amazon-ebs", result.artifacts().get(0).builderType());
        assertEquals(dir.resolve("test-manifest.json").toString(), result.manifest());
        assertTrue(reporter.text(), reporter.lines().stream().anyMatch(l -> l.startsWith("output: ==> amazon-ebs.app: Creating AMI")));
    }

    @Test
    public void build_sameInputsAgain_reusesAmi_rebakeBuildsNew_changedBinaryBuildsNew() throws IOException {
        PackerBuildResult first = new PackerBuilder(clients, reporter).build(request(Map.of()));

        PackerBuildResult second = new PackerBuilder(clients, reporter).build(request(Map.of()));
        assertTrue(second.reused());
        assertEquals(first.amiId(), second.amiId());
        assertEquals(first.bakeKey(), second.bakeKey());
        assertTrue(second.artifacts().isEmpty());
        assertTrue(reporter.text(), reporter.text().contains("Reusing " + first.amiId()));

        PackerBuildResult rebaked = new PackerBuilder(clients, reporter).build(request(Map.of(), Map.of(), true, null));
        assertFalse(rebaked.reused());
        assertNotEquals(first.amiId(), rebaked.amiId());
        assertEquals(first.bakeKey(), rebaked.bakeKey());

        Files.writeString(dir.resolve("app-binary"), "app build 2");
        PackerBuildResult changed = new PackerBuilder(clients, reporter).build(request(Map.of()));
        assertFalse(changed.reused());
        assertNotEquals(first.bakeKey(), changed.bakeKey());
    }

    @Test
    public void build_multiRegion_everyRegionsAmiReturnedAndReused() {
        PackerBuildResult first = new PackerBuilder(clients, reporter)
                .build(request(Map.of("ami_regions", "[\"us-west-2\"]")));

        assertEquals(2, first.amis().size());
        assertEquals(first.amis().get("us-east-1"), first.amiId());
        String west = first.amis().get("us-west-2");
        Image copy = clients.forRegion("us-west-2").ec2().describeImages(r -> r.imageIds(west)).images().get(0);
        assertEquals(first.bakeKey(), tag(copy, "BakeKey"));

        PackerBuildResult again = new PackerBuilder(clients, reporter)
                .build(request(Map.of("ami_regions", "[\"us-west-2\"]")));
        assertTrue(again.reused());
        assertEquals(first.amis(), again.amis());
    }

    @Test
    public void build_sensitiveVar_reachesPackerButNeverTheOutput() {
        String secret = "Sup3r-Secret-Pw";
        PackerBuildResult result = new PackerBuilder(clients, reporter)
                .build(request(Map.of(), Map.of("db_password", secret), false, null));

        assertEquals(String.valueOf(secret.length()), tag(image(result.amiId()), "PasswordLength"));
        assertFalse(reporter.text().contains(secret));
    }

    @Test
    public void build_amiNameLeftByAnEarlierRun_clearFailureNamingTheAmi() {
        String taken = AwsFixtures.createAmi(clients, "taken-name");

        BakehouseException e = assertThrows(BakehouseException.class, () -> new PackerBuilder(clients, reporter)
                .build(request(Map.of("ami_name", "taken-name", "unique_name", "false"))));

        assertEquals(BakehouseException.Kind.FAILURE, e.kind());
        assertTrue(e.getMessage(), e.getMessage().startsWith("An AMI named taken-name already exists (" + taken));
        assertTrue(e.hint(), e.hint().contains("--force"));
    }

    @Test
    public void build_nameTakenByAmiOfSameBakeKey_lookupMissedIt_reusedNotFailed() {
        Map<String, String> fixedName = Map.of("ami_name", "fixed-name", "unique_name", "false");
        PackerBuildResult first = new PackerBuilder(clients, reporter).build(request(fixedName));
        // moto cannot show an AMI as still pending, so a canned empty answer stands in for the bake-key lookup
        // missing it; Packer then finds the name taken, by an AMI that turns out to carry this bake key.
        proxy.failNext("DescribeImages", 1, Fault.respond(200, "text/xml",
                "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                        + "<requestId>canned</requestId><imagesSet/></DescribeImagesResponse>"));
        AwsClients viaProxy = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()),
                new AwsEnvironment(Map.of())));

        PackerBuildResult second = new PackerBuilder(viaProxy, reporter).build(request(fixedName));

        assertTrue(second.reused());
        assertEquals(first.amiId(), second.amiId());
        assertTrue(reporter.text(), reporter.text().contains("the AMI name fixed-name is taken by an AMI of the same bake key"));
    }

    @Test
    public void build_undefinedVariable_failsBeforeBuildingWithHint() {
        BakehouseException e = assertThrows(BakehouseException.class, () -> new PackerBuilder(clients, reporter)
                .build(request(Map.of("no_such_var", "1"))));

        assertEquals("variable 'no_such_var' is not declared by the template local-bake.pkr.hcl", e.getMessage());
        assertEquals("vars", ((InvalidInputException) e).field());
        assertTrue(e.hint(), e.hint().contains("declare it in the template"));
        assertTrue(clients.ec2().describeImages(r -> r.owners("self")).images().isEmpty());
    }

    @Test
    public void build_missingTemplate_usageErrorNamingTemplate() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new PackerBuilder(clients, reporter)
                .build(new PackerBuildRequest("nope.pkr.hcl", null, null, null, null, null, null, false,
                        dir.toString(), null, false, null)));

        assertEquals("template", e.field());
    }

    @Test
    public void build_requiredPluginsOnPackerWithoutInit_warnsAndShowsPackersOwnError() {
        Path appDir = Path.of("..", "packer").toAbsolutePath().normalize();

        BakehouseException e = assertThrows(BakehouseException.class, () -> new PackerBuilder(clients, reporter)
                .build(new PackerBuildRequest(appDir.toString(), Map.of("app_version", "1", "git_sha", "9f1c2ab"),
                        null, null, List.of("local.*"), null, null, false, dir.toString(), null, false, null)));

        assertTrue(reporter.text(), reporter.text().contains("has no `packer init` (it arrived in 1.7.0)"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("Packer rejected the template packer: "));
        assertTrue(reporter.text(), reporter.text().contains("required_plugins"));
    }

    @Test
    public void build_noAmiBuilderSelected_failsSayingNoAmi() {
        BakehouseException e = assertThrows(BakehouseException.class, () -> new PackerBuilder(clients, reporter)
                .build(new PackerBuildRequest("local-bake.pkr.hcl", Map.of("ec2_endpoint", MOTO.endpoint()), null,
                        null, null, List.of("amazon-ebs.app"), null, false, dir.toString(), null, false, null)));

        assertTrue(e.getMessage(), e.getMessage().contains("built no AMI"));
    }

    @Test
    public void cancel_midBuild_packerInterruptedAndProcessTreeGone() throws Exception {
        // CreateImage answers only after 30 s: Packer is mid-build, with an instance, key pair and security
        // group, however loaded the machine is; an interrupted Packer abandons the call at once.
        proxy.always("CreateImage", Fault.delay(30_000));
        PackerBuilder builder = new PackerBuilder(clients, reporter, Duration.ofSeconds(90));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                builder.build(request(Map.of("slow_endpoint", proxy.endpoint())));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        build.start();
        awaitCreateImage();
        List<ProcessHandle> tree = packerProcesses();
        assertFalse("packer should be running", tree.isEmpty());

        builder.cancel();
        build.join(120_000);

        assertFalse(build.isAlive());
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof BuildCancelledException);
        for (ProcessHandle p : tree) {
            assertFalse("still running: " + p.info().commandLine().orElse(String.valueOf(p.pid())), p.isAlive());
        }
        assertTrue(packerProcesses().isEmpty());
        assertTrue(reporter.text(), reporter.text().contains("Terminating the source AWS instance"));
    }

    @Test
    public void build_timeout_packerInterruptedAndClearFailure() throws Exception {
        proxy.always("CreateImage", Fault.delay(15_000));

        BakehouseException e = assertThrows(BakehouseException.class, () ->
                new PackerBuilder(clients, reporter, Duration.ofSeconds(30)).build(request(
                        Map.of("slow_endpoint", proxy.endpoint()), Map.of(), false, Duration.ofSeconds(8))));

        assertTrue(e.getMessage(), e.getMessage().contains("did not finish within the timeout of 8s"));
        assertFalse(e instanceof BuildCancelledException);
        assertTrue(packerProcesses().isEmpty());
    }

    private void awaitCreateImage() throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (proxy.requests("CreateImage") == 0) {
            if (System.currentTimeMillis() > until) {
                fail("Packer never reached CreateImage:\n" + reporter.text());
            }
            Thread.sleep(100);
        }
    }

    private static List<ProcessHandle> packerProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.contains("packer")).orElse(false))
                .toList();
    }

}
