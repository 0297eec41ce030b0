package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.jenkins.build.Distribution;
import io.bakehouse.testkit.SiteFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * publishSite on the agent: the repository's front end ({@code site/public}) copied into the
 * workspace, published under a prefix to a bucket in moto that already holds an older home page
 * and a page the site no longer has, behind a CloudFront distribution made in moto; then the
 * same build again, which finds everything unchanged.
 */
public class PublishSiteLive {

    private static final String JOB = "publish-site";
    private static final String BUCKET = "live-site";
    private static final String PREFIX = "www";

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    /** A pipeline on the agent that publishes {@code site/public} of the workspace, echoing the result. */
    static String pipeline(String distributionId, String aws) {
        return """
                node('ecs-fargate') {
                  def s = publishSite dir: 'site/public', bucket: '%s', prefix: '%s', distributionId: '%s',
                      cacheControl: ['robots.txt': 'public, max-age=60'], %s
                  echo "keys=${s.keySet()}"
                  echo "bucket=${s.bucket}"
                  echo "prefix=${s.prefix}"
                  echo "uploaded=${s.uploaded}"
                  echo "unchanged=${s.unchanged}"
                  echo "deleted=${s.deleted}"
                  echo "bytes=${s.bytes}"
                  echo "invalidationId=${s.invalidationId}"
                  echo "paths=${s.paths}"
                  echo "dryRun=${s.dryRun}"
                }
                """.formatted(BUCKET, PREFIX, distributionId, aws);
    }

    @Test
    public void publishSite_firstPublishThenUnchanged_uploadsWithHeadersDeletesInvalidatesAndReturnsTheContractKeys()
            throws Exception {
        AwsClients aws = jenkins.moto().clients();
        SiteFixtures.createBucket(aws, BUCKET);
        String distribution = SiteFixtures.createDistribution(aws, BUCKET, "/" + PREFIX);
        // What an earlier release left: a home page the site now changes, a page it no longer has,
        // and an object outside the prefix that is not the site's.
        put(aws, PREFIX + "/index.html", "<!doctype html><title>Old home</title>");
        put(aws, PREFIX + "/old.html", "<!doctype html><title>Gone</title>");
        put(aws, "www-old/keep.txt", "not the site's");
        Path site = Distribution.root().resolve("site/public");
        Map<String, String> files = files(site);
        long bytes = 0;
        for (String f : files.keySet()) {
            bytes += Files.size(site.resolve(f));
        }
        Workspaces.copyTree(jenkins, JOB, site, "site/public");

        jenkins.rest().createPipeline(JOB, pipeline(distribution, Workspaces.aws(jenkins, "us-east-1")));
        String first = jenkins.rest().run(JOB, "SUCCESS");

        assertTrue(first, first.contains("Running on " + LiveJenkins.AGENT));
        assertEquals(first, LiveChecks.documentedResultKeys("publishSite"), LiveChecks.echoedKeys(first, "keys="));
        assertEquals(BUCKET, LiveChecks.echoed(first, "bucket"));
        assertEquals(PREFIX + "/", LiveChecks.echoed(first, "prefix"));
        assertEquals(String.valueOf(files.size()), LiveChecks.echoed(first, "uploaded"));
        assertEquals("0", LiveChecks.echoed(first, "unchanged"));
        assertEquals("1", LiveChecks.echoed(first, "deleted"));
        assertEquals(String.valueOf(bytes), LiveChecks.echoed(first, "bytes"));
        assertEquals("false", LiveChecks.echoed(first, "dryRun"));
        // Only what viewers may have cached is invalidated: the overwritten home page (and its
        // folder) and the deleted page, as viewer paths under the origin path /www.
        Set<String> paths = list(LiveChecks.echoed(first, "paths"));
        assertEquals(first, Set.of("/", "/index.html", "/old.html"), paths);
        String invalidationId = LiveChecks.echoed(first, "invalidationId");
        assertNotEquals(first, "null", invalidationId);
        var invalidation = aws.cloudFront().getInvalidation(r -> r.distributionId(distribution).id(invalidationId))
                .invalidation();
        assertTrue(invalidation.status(), "Completed".equalsIgnoreCase(invalidation.status()));
        assertEquals(paths, new TreeSet<>(invalidation.invalidationBatch().paths().items()));

        // The bucket holds the site as it is, under the prefix, and the object outside it is kept.
        Map<String, String> expected = new TreeMap<>();
        files.forEach((f, text) -> expected.put(PREFIX + "/" + f, text));
        expected.put("www-old/keep.txt", "not the site's");
        assertEquals(expected, new TreeMap<>(SiteFixtures.objects(aws, BUCKET)));
        assertHeaders(aws, "index.html", "text/html; charset=utf-8", "no-cache");
        assertHeaders(aws, "about/index.html", "text/html; charset=utf-8", "no-cache");
        assertHeaders(aws, "assets/site.80206119807a.css", "text/css; charset=utf-8",
                "public, max-age=31536000, immutable");
        assertHeaders(aws, "assets/echo.295a5f5ef512.js", "text/javascript; charset=utf-8",
                "public, max-age=31536000, immutable");
        assertHeaders(aws, "favicon.svg", "image/svg+xml", "public, max-age=300");
        assertHeaders(aws, "robots.txt", "text/plain; charset=utf-8", "public, max-age=60");
        assertNoSecret(first, 1);

        // The same build again: nothing to upload, delete or invalidate.
        String second = jenkins.rest().run(JOB, "SUCCESS");
        assertEquals(second, LiveChecks.echoedKeys(first, "keys="), LiveChecks.echoedKeys(second, "keys="));
        assertEquals("0", LiveChecks.echoed(second, "uploaded"));
        assertEquals(String.valueOf(files.size()), LiveChecks.echoed(second, "unchanged"));
        assertEquals("0", LiveChecks.echoed(second, "deleted"));
        assertEquals("0", LiveChecks.echoed(second, "bytes"));
        assertEquals("null", LiveChecks.echoed(second, "invalidationId"));
        assertEquals("[]", LiveChecks.echoed(second, "paths"));
        assertEquals(1, aws.cloudFront().listInvalidations(r -> r.distributionId(distribution))
                .invalidationList().items().size());
        assertEquals(expected, new TreeMap<>(SiteFixtures.objects(aws, BUCKET)));
        assertNoSecret(second, 2);
    }

    private void assertNoSecret(String log, int build) throws IOException {
        assertFalse(log, log.contains(LiveJenkins.SECRET_KEY));
        Secrets.assertNotInTree(jenkins.buildDir(JOB, build), LiveJenkins.SECRET_KEY);
    }

    private static void assertHeaders(AwsClients aws, String file, String contentType, String cacheControl) {
        HeadObjectResponse head = aws.s3().headObject(r -> r.bucket(BUCKET).key(PREFIX + "/" + file));
        assertEquals(file, contentType, head.contentType());
        assertEquals(file, cacheControl, head.cacheControl());
    }

    private static void put(AwsClients aws, String key, String text) {
        aws.s3().putObject(r -> r.bucket(BUCKET).key(key).contentType("text/html"), RequestBody.fromString(text));
    }

    /** The site's files, path under it ({@code /} between folders) to content. */
    private static Map<String, String> files(Path site) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(site)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(site.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        assertTrue(files.toString(), files.size() > 3 && files.containsKey("index.html"));
        return files;
    }

    /** A Groovy list as echoed ({@code [a, b]}), as a set. */
    private static Set<String> list(String echoed) {
        return new TreeSet<>(Arrays.stream(echoed.replaceAll("^\\[|\\]$", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
