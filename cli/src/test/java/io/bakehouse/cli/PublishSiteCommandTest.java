package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.SiteFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PublishSiteCommandTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    /** The repository's own front end (site/public/), from the cli module's folder. */
    private static final Path REPOSITORY_SITE = Path.of("..", "site", "public").toAbsolutePath().normalize();
    private static final String BUCKET = "app-site";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsClients clients;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        SiteFixtures.createBucket(clients, BUCKET);
    }

    private CliRun publish(String... extra) {
        return CliRun.run(MOTO.environment(), CliRun.concat(new String[] {"publish-site", "--bucket", BUCKET}, extra));
    }

    @Test
    public void theRepositorysSite_isPublished_thenFoundUnchanged_withOneJsonObjectOnStdout() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");

        CliRun first = publish("--dir", REPOSITORY_SITE.toString(), "--distribution-id", distribution,
                "--output", "json");

        assertEquals(first.toString(), 0, first.exitCode());
        JsonNode result = JSON.readTree(first.out());
        long files;
        try (Stream<Path> walk = Files.walk(REPOSITORY_SITE)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        assertEquals(files, result.get("uploaded").asInt());
        assertEquals(0, result.get("unchanged").asInt());
        assertEquals(0, result.get("deleted").asInt());
        assertTrue(result.get("bytes").asLong() > 0);
        assertTrue(result.get("invalidationId").isNull());
        assertEquals(0, result.get("paths").size());
        assertFalse(result.get("dryRun").asBoolean());
        assertTrue(first.err(), first.err().contains("Published s3://app-site/: " + files + " uploaded"));
        assertEquals("no-cache", clients.s3().headObject(r -> r.bucket(BUCKET).key("about/index.html")).cacheControl());

        CliRun second = publish("--dir", REPOSITORY_SITE.toString(), "--distribution-id", distribution,
                "--output", "json");

        assertEquals(second.toString(), 0, second.exitCode());
        JsonNode again = JSON.readTree(second.out());
        assertEquals(0, again.get("uploaded").asInt());
        assertEquals(files, again.get("unchanged").asInt());
    }

    @Test
    public void theRepositorysSite_namesEachHashedAssetAfterItsContent() throws Exception {
        Pattern hashed = Pattern.compile("[a-z]+\\.([0-9a-f]{12})\\.(css|js)");
        int checked = 0;
        try (Stream<Path> assets = Files.list(REPOSITORY_SITE.resolve("assets"))) {
            for (Path asset : assets.toList()) {
                Matcher m = hashed.matcher(asset.getFileName().toString());
                assertTrue(asset + " has no content hash in its name", m.matches());
                String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(asset)));
                assertEquals(asset + " was changed without a new name", sha256.substring(0, 12), m.group(1));
                checked++;
            }
        }
        assertEquals(2, checked);
    }

    @Test
    public void aNewRelease_printsWhatChanged_andTheInvalidation() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "/www");
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), SiteFixtures.sampleSite());
        assertEquals(0, publish("--dir", dir.toString(), "--prefix", "www", "--distribution-id", distribution)
                .exitCode());
        Files.writeString(dir.resolve("index.html"), "<!doctype html><title>v2</title>");
        Files.delete(dir.resolve("robots.txt"));

        CliRun run = publish("--dir", dir.toString(), "--prefix", "www", "--distribution-id", distribution,
                "--cache-control", "*.txt=public, max-age=60");

        assertEquals(run.toString(), 0, run.exitCode());
        assertTrue(run.out(), run.out().startsWith("s3://app-site/www/: 1 uploaded (32 bytes), 4 unchanged, 1 deleted;"
                + " invalidation "));
        assertTrue(run.out(), run.out().trim().endsWith(": / /index.html /robots.txt"));
    }

    @Test
    public void cacheControlRules_takeValuesWithEqualsSigns_inTheirOrder() throws Exception {
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), Map.of("data/a.json", "{}", "b.json", "[]"));

        CliRun run = publish("--dir", dir.toString(), "--cache-control", "data/*=public, max-age=60",
                "--cache-control", "*.json=no-store");

        assertEquals(run.toString(), 0, run.exitCode());
        assertEquals("public, max-age=60", clients.s3().headObject(r -> r.bucket(BUCKET).key("data/a.json"))
                .cacheControl());
        assertEquals("no-store", clients.s3().headObject(r -> r.bucket(BUCKET).key("b.json")).cacheControl());
    }

    @Test
    public void dryRun_printsThePlan_andChangesNothing() throws Exception {
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), SiteFixtures.sampleSite());

        CliRun run = publish("--dir", dir.toString(), "--dry-run");

        assertEquals(run.toString(), 0, run.exitCode());
        assertTrue(run.out(), run.out().startsWith("s3://app-site/ (dry run): would upload 6 ("));
        assertTrue(run.err(), run.err().contains("would upload index.html (new, "));
        assertEquals(Map.of(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void badInput_exitsTwo_namingTheOption_andWritesNothing() throws Exception {
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), SiteFixtures.sampleSite());
        Path empty = temp.newFolder().toPath();

        CliRun missingDir = publish("--dir", temp.getRoot().toPath().resolve("dist").toString());
        CliRun emptyDir = publish("--dir", empty.toString());
        CliRun unknownDistribution = publish("--dir", dir.toString(), "--distribution-id", "E2QWRUHAPOMQZL");
        CliRun noBucket = CliRun.run(MOTO.environment(), "publish-site", "--dir", dir.toString());
        CliRun badPrefix = publish("--dir", dir.toString(), "--prefix", "../other");

        for (CliRun run : List.of(missingDir, emptyDir, unknownDistribution, noBucket, badPrefix)) {
            assertEquals(run.toString(), 2, run.exitCode());
        }
        assertTrue(missingDir.err(), missingDir.err().contains("does not exist; nothing was published"));
        assertTrue(missingDir.err(), missingDir.err().contains("the parameter is --dir here"));
        assertTrue(emptyDir.err(), emptyDir.err().contains("has no files"));
        assertTrue(unknownDistribution.err(), unknownDistribution.err().contains("the parameter is --distribution-id"));
        assertTrue(noBucket.err(), noBucket.err().contains("Missing required option: '--bucket=BUCKET'"));
        assertTrue(badPrefix.err(), badPrefix.err().contains("the parameter is --prefix here"));
        assertEquals(Map.of(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void aFailureMidway_exitsOne_sayingThePreviousPagesAreStillServed() throws Exception {
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), SiteFixtures.sampleSite());
        assertEquals(0, publish("--dir", dir.toString()).exitCode());
        Files.writeString(dir.resolve("index.html"), "<!doctype html><title>v2</title>");
        Files.writeString(dir.resolve("assets/app.4a5b6c7d.js"), "console.log('v2');");
        proxy.always(r -> r.method().equals("PUT") && r.path().endsWith("app.4a5b6c7d.js"), Fault.serverError(503));
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint());

        CliRun run = CliRun.run(env, "publish-site", "--bucket", BUCKET, "--dir", dir.toString());

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("so the site still serves its previous pages"));
        assertTrue(run.err(), run.err().contains("publish again to finish"));
        assertEquals("", run.out());
        assertEquals(SiteFixtures.sampleSite().get("index.html"), SiteFixtures.objects(clients, BUCKET).get("index.html"));
    }

    @Test
    public void help_listsEveryOption_theExample_andTheExitCodes() {
        CliRun run = CliRun.run(Map.of(), "publish-site", "--help");

        assertEquals(0, run.exitCode());
        for (String option : List.of("--dir", "--bucket", "--prefix", "--distribution-id", "--[no-]delete",
                "--cache-control", "--invalidate", "--[no-]wait", "--dry-run", "--allow-empty", "--region",
                "--endpoint-url", "--output")) {
            assertTrue(option + " in\n" + run.out(), run.out().contains(option));
        }
        assertTrue(run.out(), run.out().contains("bakehouse publish-site --dir dist --bucket my-site"));
        assertTrue(run.out(), run.out().contains("130  interrupted"));
    }

    @Test
    public void rootHelp_listsTheCommand() {
        CliRun run = CliRun.run(Map.of(), "--help");

        assertTrue(run.out(), run.out().contains("publish-site"));
    }
}
