package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.SiteFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

public class SitePublisherTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private static final String BUCKET = "site-bucket";
    private static final PollSchedule FAST = new PollSchedule(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200));
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private AwsClients clients;
    private final RecordingReporter reporter = new RecordingReporter();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        SiteFixtures.createBucket(clients, BUCKET);
    }

    private SitePublisher publisher() {
        return new SitePublisher(clients, reporter, FAST, MAX_WAIT);
    }

    private SitePublisher publisherThroughProxy(Reporter through) {
        AwsClients viaProxy = MOTO.clientsVia(proxy.endpoint());
        return new SitePublisher(viaProxy, through, FAST, MAX_WAIT);
    }

    private Path site(Map<String, String> files) throws Exception {
        return SiteFixtures.write(temp.newFolder().toPath(), files);
    }

    private static PublishSiteRequest.Builder request(Path dir) {
        return PublishSiteRequest.builder(dir.toString(), BUCKET);
    }

    /** The sample site, then a release that changes the home page and the icon, renames the script, drops the about page. */
    private static Map<String, String> secondRelease() {
        Map<String, String> v2 = new LinkedHashMap<>(SiteFixtures.sampleSite());
        v2.put("index.html", "<!doctype html><title>Home v2</title><script src=\"/assets/app.4a5b6c7d.js\"></script>");
        v2.put("favicon.ico", "icon-v2");
        v2.remove("assets/app.3f9a1c2b.js");
        v2.put("assets/app.4a5b6c7d.js", "console.log('v2');");
        v2.remove("about/index.html");
        return v2;
    }

    private static Predicate<FaultProxy.Request> put(String keySuffix) {
        return r -> r.method().equals("PUT") && r.path().endsWith(keySuffix);
    }

    private static int firstIndex(List<FaultProxy.Request> log, Predicate<FaultProxy.Request> which) {
        for (int i = 0; i < log.size(); i++) {
            if (which.test(log.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndex(List<FaultProxy.Request> log, Predicate<FaultProxy.Request> which) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (which.test(log.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    public void publish_firstTime_uploadsEveryFileWithItsTypeCacheHeaderAndChecksum() throws Exception {
        Path dir = site(SiteFixtures.sampleSite());
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");

        PublishSiteResult result = publisher().publish(request(dir).distributionId(distribution).build());

        assertEquals(6, result.uploaded());
        assertEquals(0, result.unchanged());
        assertEquals(0, result.deleted());
        assertEquals(SiteFixtures.sampleSite().values().stream().mapToLong(String::length).sum(), result.bytes());
        assertNull("nothing was overwritten, so nothing cached is stale", result.invalidationId());
        assertEquals(SiteFixtures.sampleSite(), SiteFixtures.objects(clients, BUCKET));
        HeadObjectResponse page = clients.s3().headObject(r -> r.bucket(BUCKET).key("index.html")
                .checksumMode(ChecksumMode.ENABLED));
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertEquals("no-cache", page.cacheControl());
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(
                SiteFixtures.sampleSite().get("index.html").getBytes(StandardCharsets.UTF_8))), page.checksumSHA256());
        HeadObjectResponse script = clients.s3().headObject(r -> r.bucket(BUCKET).key("assets/app.3f9a1c2b.js"));
        assertEquals("public, max-age=31536000, immutable", script.cacheControl());
        assertEquals("text/javascript; charset=utf-8", script.contentType());
        assertEquals("public, max-age=300",
                clients.s3().headObject(r -> r.bucket(BUCKET).key("favicon.ico")).cacheControl());
        assertTrue(reporter.text(), reporter.contains("Published s3://site-bucket/: 6 uploaded"));
    }

    @Test
    public void publish_again_findsEverythingUnchanged_andWritesNothing() throws Exception {
        Path dir = site(SiteFixtures.sampleSite());
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        PublishSiteRequest request = request(dir).distributionId(distribution).build();
        publisher().publish(request);

        PublishSiteResult again = publisherThroughProxy(reporter).publish(request);

        assertEquals(0, again.uploaded());
        assertEquals(6, again.unchanged());
        assertEquals(0, again.bytes());
        assertNull(again.invalidationId());
        assertEquals(List.of(), again.paths());
        assertTrue("only reads: " + proxy.log(), proxy.log().stream().allMatch(r -> r.method().equals("GET")));
    }

    @Test
    public void publish_aNewRelease_uploadsTheChangedFiles_deletesTheGoneOnes_andInvalidatesTheStalePaths()
            throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).distributionId(distribution).build());

        PublishSiteResult result = publisher().publish(request(site(secondRelease())).distributionId(distribution)
                .build());

        assertEquals(3, result.uploaded());
        assertEquals(2, result.unchanged());
        assertEquals(2, result.deleted());
        assertEquals(secondRelease(), SiteFixtures.objects(clients, BUCKET));
        // the overwritten page and icon, the deleted page, each page's folder; not the deleted hashed script
        assertEquals(List.of("/", "/about/", "/about/index.html", "/favicon.ico", "/index.html"), result.paths());
        assertNotNull(result.invalidationId());
        List<String> invalidated = clients.cloudFront().getInvalidation(r -> r.distributionId(distribution)
                .id(result.invalidationId())).invalidation().invalidationBatch().paths().items();
        assertEquals(result.paths(), invalidated.stream().sorted().toList());
        assertTrue(reporter.text(), reporter.contains("Invalidation " + result.invalidationId() + " completed"));
    }

    @Test
    public void publish_writesOtherFilesFirst_thenPages_thenDeletes_thenInvalidates() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).distributionId(distribution).build());

        publisherThroughProxy(reporter).publish(request(site(secondRelease())).distributionId(distribution).build());

        List<FaultProxy.Request> log = proxy.log();
        Predicate<FaultProxy.Request> asset = r -> r.method().equals("PUT") && !r.path().endsWith(".html");
        Predicate<FaultProxy.Request> page = put(".html");
        Predicate<FaultProxy.Request> delete = r -> r.method().equals("POST") && r.path().contains("?delete");
        Predicate<FaultProxy.Request> invalidation = r -> r.method().equals("POST") && r.path().endsWith("/invalidation");
        assertTrue(log.toString(), lastIndex(log, asset) >= 0 && lastIndex(log, asset) < firstIndex(log, page));
        assertTrue(log.toString(), lastIndex(log, page) < firstIndex(log, delete));
        assertTrue(log.toString(), lastIndex(log, delete) < firstIndex(log, invalidation));
    }

    @Test
    public void publish_manyOverwrittenPaths_invalidateEverythingWithOnePath() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        Map<String, String> v1 = new LinkedHashMap<>();
        Map<String, String> v2 = new LinkedHashMap<>();
        for (int i = 0; i <= ViewerPaths.MAX_CHANGED_PATHS; i++) {
            v1.put("docs/page" + i + ".txt", "v1 " + i);
            v2.put("docs/page" + i + ".txt", "v2 " + i);
        }
        publisher().publish(request(site(v1)).distributionId(distribution).build());

        PublishSiteResult result = publisher().publish(request(site(v2)).distributionId(distribution).build());

        assertEquals(ViewerPaths.MAX_CHANGED_PATHS + 1, result.uploaded());
        assertEquals(List.of("/*"), result.paths());
    }

    @Test
    public void publish_underAPrefix_keepsOtherKeys_andMapsKeysToTheOriginPathsViewerPaths() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "/www");
        clients.s3().putObject(r -> r.bucket(BUCKET).key("www-old/index.html"), software.amazon.awssdk.core.sync
                .RequestBody.fromString("another site"));
        clients.s3().putObject(r -> r.bucket(BUCKET).key("www/folder/"), software.amazon.awssdk.core.sync
                .RequestBody.empty());
        publisher().publish(request(site(SiteFixtures.sampleSite())).prefix("/www/").distributionId(distribution)
                .build());

        PublishSiteResult result = publisher().publish(request(site(secondRelease())).prefix("www")
                .distributionId(distribution).build());

        assertEquals("www/", result.prefix());
        assertEquals(List.of("/", "/about/", "/about/index.html", "/favicon.ico", "/index.html"), result.paths());
        Map<String, String> objects = SiteFixtures.objects(clients, BUCKET);
        assertEquals("another site", objects.get("www-old/index.html"));
        assertTrue("folder markers are left alone", objects.containsKey("www/folder/"));
        assertEquals(secondRelease().size() + 2, objects.size());
    }

    @Test
    public void publish_distributionWithoutAnOriginPath_invalidatesTheKeysWithTheirPrefix() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).prefix("www").build());

        PublishSiteResult result = publisher().publish(request(site(secondRelease())).prefix("www")
                .distributionId(distribution).build());

        assertTrue(result.paths().toString(), result.paths().contains("/www/index.html"));
        assertTrue(result.paths().toString(), result.paths().contains("/www/"));
    }

    @Test
    public void publish_distributionServingAnotherPrefix_invalidatesNothing_andSaysWhy() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "/blue");
        publisher().publish(request(site(SiteFixtures.sampleSite())).prefix("green").build());

        PublishSiteResult result = publisher().publish(request(site(secondRelease())).prefix("green")
                .distributionId(distribution).build());

        assertNull(result.invalidationId());
        assertTrue(reporter.text(), reporter.contains("serves s3://site-bucket/blue/, not s3://site-bucket/green/"));
    }

    @Test
    public void publish_invalidateAllOrGivenPaths_invalidatesThemEvenWhenNothingChanged() throws Exception {
        Path dir = site(SiteFixtures.sampleSite());
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(dir).distributionId(distribution).build());

        PublishSiteResult all = publisher().publish(request(dir).distributionId(distribution)
                .invalidate(List.of("all")).build());
        PublishSiteResult given = publisher().publish(request(dir).distributionId(distribution)
                .invalidate(List.of("/index.html", "/assets/*")).build());
        PublishSiteResult none = publisher().publish(request(site(secondRelease())).distributionId(distribution)
                .invalidate(List.of("none")).build());

        assertEquals(List.of("/*"), all.paths());
        assertNotNull(all.invalidationId());
        assertEquals(List.of("/index.html", "/assets/*"), given.paths());
        assertNotNull(given.invalidationId());
        assertEquals(List.of(), none.paths());
        assertNull(none.invalidationId());
    }

    @Test
    public void dryRun_saysWhatWouldChange_andChangesNothing() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).distributionId(distribution).build());

        PublishSiteResult result = publisherThroughProxy(reporter).publish(request(site(secondRelease()))
                .distributionId(distribution).dryRun(true).build());

        assertTrue(result.dryRun());
        assertEquals(3, result.uploaded());
        assertEquals(2, result.deleted());
        assertNull(result.invalidationId());
        assertEquals(List.of("/", "/about/", "/about/index.html", "/favicon.ico", "/index.html"), result.paths());
        assertEquals(SiteFixtures.sampleSite(), SiteFixtures.objects(clients, BUCKET));
        assertTrue("only reads: " + proxy.log(), proxy.log().stream()
                .allMatch(r -> r.method().equals("GET") || r.method().equals("HEAD")));
        assertTrue(reporter.text(), reporter.contains("would upload index.html (changed, "));
        assertTrue(reporter.text(), reporter.contains("would upload assets/app.4a5b6c7d.js (new, "));
        assertTrue(reporter.text(), reporter.contains("would delete about/index.html"));
    }

    @Test
    public void missingDir_isBadInput_andNothingIsWritten() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> publisher().publish(
                request(temp.getRoot().toPath().resolve("dist")).build()));

        assertEquals("dir", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("does not exist; nothing was published"));
    }

    @Test
    public void emptyDir_withDelete_isRefused_unlessAllowEmpty() throws Exception {
        publisher().publish(request(site(SiteFixtures.sampleSite())).build());
        Path empty = temp.newFolder().toPath();

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> publisher().publish(
                request(empty).build()));
        assertEquals("dir", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("would delete every object under s3://site-bucket/"));
        assertEquals(SiteFixtures.sampleSite(), SiteFixtures.objects(clients, BUCKET));

        PublishSiteResult kept = publisher().publish(request(empty).delete(false).build());
        assertEquals(0, kept.deleted());
        assertEquals(6, SiteFixtures.objects(clients, BUCKET).size());

        PublishSiteResult emptied = publisher().publish(request(empty).allowEmpty(true).build());
        assertEquals(6, emptied.deleted());
        assertEquals(Map.of(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void missingBucket_isBadInput() throws Exception {
        Path dir = site(SiteFixtures.sampleSite());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> publisher().publish(
                PublishSiteRequest.builder(dir.toString(), "no-such-bucket").build()));

        assertEquals("bucket", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("S3 bucket no-such-bucket does not exist"));
    }

    @Test
    public void unknownDistribution_isBadInput_checkedBeforeTheFirstWrite() throws Exception {
        Path dir = site(SiteFixtures.sampleSite());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> publisher().publish(
                request(dir).distributionId("E2QWRUHAPOMQZL").build()));

        assertEquals("distributionId", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("E2QWRUHAPOMQZL does not exist; nothing was published"));
        assertEquals(Map.of(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void failureWhileUploadingAssets_leavesThePreviousPagesServed_andSaysWhatWasDone() throws Exception {
        publisher().publish(request(site(SiteFixtures.sampleSite())).build());
        proxy.always(put("assets/app.4a5b6c7d.js"), Fault.serverError(500));

        BakehouseException e = assertThrows(BakehouseException.class, () -> publisherThroughProxy(reporter).publish(
                request(site(secondRelease())).build()));

        assertTrue(e.getMessage(), e.getMessage().contains("uploading assets/app.4a5b6c7d.js"));
        assertTrue(e.getMessage(), e.getMessage().contains("no page was uploaded and nothing was deleted,"
                + " so the site still serves its previous pages"));
        assertTrue(e.hint(), e.hint().contains("publish again to finish"));
        Map<String, String> objects = SiteFixtures.objects(clients, BUCKET);
        assertEquals(SiteFixtures.sampleSite().get("index.html"), objects.get("index.html"));
        assertTrue(objects.containsKey("about/index.html"));
        assertTrue(objects.containsKey("assets/app.3f9a1c2b.js"));
    }

    @Test
    public void failureWhileUploadingPages_saysThatNothingWasDeleted() throws Exception {
        Map<String, String> v2 = secondRelease();
        v2.put("contact.html", "<!doctype html><title>Contact</title>");
        publisher().publish(request(site(SiteFixtures.sampleSite())).build());
        proxy.always(put("contact.html"), Fault.awsError(403, "AccessDenied", "Access Denied"));

        BakehouseException e = assertThrows(BakehouseException.class, () -> publisherThroughProxy(reporter).publish(
                request(site(v2)).build()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Access denied uploading contact.html"));
        assertTrue(e.getMessage(), e.getMessage().contains("all 2 other files and "));
        assertTrue(e.getMessage(), e.getMessage().contains("nothing was deleted and nothing invalidated"));
        assertTrue(SiteFixtures.objects(clients, BUCKET).containsKey("about/index.html"));
    }

    @Test
    public void throttledUploads_areRetried() throws Exception {
        proxy.failNext(r -> r.method().equals("PUT"), 3, Fault.throttle());

        PublishSiteResult result = publisherThroughProxy(reporter).publish(request(site(SiteFixtures.sampleSite()))
                .build());

        assertEquals(6, result.uploaded());
        assertEquals(3, proxy.faultsInjected());
        assertEquals(SiteFixtures.sampleSite(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void cancel_stopsBetweenFiles_beforeAnyPage_andSaysWhereItStopped() throws Exception {
        publisher().publish(request(site(SiteFixtures.sampleSite())).build());
        Map<String, String> v2 = secondRelease();
        for (int i = 0; i < 60; i++) {
            v2.put("img/photo" + i + ".txt", "photo " + i);
        }
        AtomicInteger uploads = new AtomicInteger();
        SitePublisher[] publisher = new SitePublisher[1];
        Reporter cancelling = new Reporter() {
            @Override
            public void progress(String line) {
                reporter.progress(line);
            }

            @Override
            public void warn(String line) {
                reporter.warn(line);
            }

            @Override
            public void detail(String line) {
                reporter.detail(line);
                if (line.startsWith("Uploaded ") && uploads.incrementAndGet() == 3) {
                    publisher[0].cancel("aborted by the test");
                }
            }
        };
        publisher[0] = new SitePublisher(clients, cancelling, FAST, MAX_WAIT);

        CancelledException e = assertThrows(CancelledException.class, () -> publisher[0].publish(request(site(v2))
                .build()));

        assertTrue(e.getMessage(), e.getMessage().contains("was cancelled (aborted by the test)"));
        assertTrue(e.getMessage(), e.getMessage().contains(" of 62 new or changed files other than pages were uploaded"));
        assertTrue(uploads.get() < 62);
        Map<String, String> objects = SiteFixtures.objects(clients, BUCKET);
        assertEquals(SiteFixtures.sampleSite().get("index.html"), objects.get("index.html"));
        assertTrue(objects.containsKey("about/index.html"));
    }

    @Test
    public void cancel_beforeTheFirstWrite_publishesNothing() throws Exception {
        SitePublisher publisher = publisher();
        publisher.cancel("aborted by the test");

        CancelledException e = assertThrows(CancelledException.class, () -> publisher.publish(
                request(site(SiteFixtures.sampleSite())).build()));

        assertEquals("Publishing was cancelled (aborted by the test) while reading the site; nothing was published",
                e.getMessage());
        assertEquals(Map.of(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void waits_untilTheInvalidationIsComplete() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).distributionId(distribution).build());
        proxy.failNext(r -> r.method().equals("GET") && r.path().contains("/invalidation/"), 2,
                Fault.respond(200, "text/xml", inProgress()));

        PublishSiteResult result = publisherThroughProxy(reporter).publish(request(site(secondRelease()))
                .distributionId(distribution).build());

        assertNotNull(result.invalidationId());
        assertEquals(3, proxy.log().stream().filter(r -> r.path().contains("/invalidation/")).count());
        assertTrue(reporter.text(), reporter.contains("detail: Invalidation " + result.invalidationId() + " is InProgress"));
        assertTrue(reporter.text(), reporter.contains("Invalidation " + result.invalidationId() + " completed"));
    }

    @Test
    public void waitOff_returnsOnceTheInvalidationIsCreated() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).distributionId(distribution).build());

        PublishSiteResult result = publisherThroughProxy(reporter).publish(request(site(secondRelease()))
                .distributionId(distribution).waitForInvalidation(false).build());

        assertNotNull(result.invalidationId());
        assertFalse(proxy.log().stream().anyMatch(r -> r.path().contains("/invalidation/")));
        assertTrue(reporter.text(), reporter.contains("Not waiting for invalidation " + result.invalidationId()));
    }

    @Test
    public void cancel_whileWaitingForTheInvalidation_saysTheSiteIsPublished() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).distributionId(distribution).build());
        proxy.always(r -> r.method().equals("GET") && r.path().contains("/invalidation/"),
                Fault.respond(200, "text/xml", inProgress()));
        SitePublisher[] publisher = new SitePublisher[1];
        reporter.onProgress(line -> {
            if (line.startsWith("Waiting for invalidation")) {
                publisher[0].cancel("aborted by the test");
            }
        });
        publisher[0] = publisherThroughProxy(reporter);

        CancelledException e = assertThrows(CancelledException.class, () -> publisher[0].publish(
                request(site(secondRelease())).distributionId(distribution).build()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Stopped waiting for invalidation "));
        assertTrue(e.getMessage(), e.getMessage().contains("all 3 new or changed files were uploaded and 2 objects"
                + " deleted in s3://site-bucket/, and the invalidation goes on in CloudFront"));
        assertEquals(secondRelease(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void failedInvalidation_saysTheFilesArePublished_andHowToInvalidate() throws Exception {
        String distribution = SiteFixtures.createDistribution(clients, BUCKET, "");
        publisher().publish(request(site(SiteFixtures.sampleSite())).distributionId(distribution).build());
        proxy.always(r -> r.method().equals("POST") && r.path().endsWith("/invalidation"),
                Fault.awsError(400, "TooManyInvalidationsInProgress", "Too many invalidations"));

        BakehouseException e = assertThrows(BakehouseException.class, () -> publisherThroughProxy(reporter).publish(
                request(site(secondRelease())).distributionId(distribution).build()));

        assertTrue(e.getMessage(), e.getMessage().contains("TooManyInvalidationsInProgress"));
        assertTrue(e.getMessage(), e.getMessage().contains("all 3 new or changed files were uploaded and 2 objects deleted"));
        assertTrue(e.hint(), e.hint().contains("aws cloudfront create-invalidation --distribution-id " + distribution
                + " --paths / /about/ /about/index.html /favicon.ico /index.html"));
        assertEquals(secondRelease(), SiteFixtures.objects(clients, BUCKET));
    }

    @Test
    public void etagsThatAreNoMd5_areJudgedByTheStoredChecksum() throws Exception {
        publisher().publish(request(site(SiteFixtures.sampleSite())).build());
        Map<String, String> v2 = new LinkedHashMap<>(SiteFixtures.sampleSite());
        v2.put("robots.txt", "User-agent: x\n"); // the same length, another content
        // As S3 lists objects encrypted with SSE-KMS: an ETag that is no MD5 of the content.
        proxy.always(r -> r.method().equals("GET") && r.path().contains("list-type=2"),
                Fault.respond(200, "application/xml", listingWithOtherEtags(SiteFixtures.sampleSite())));

        PublishSiteResult result = publisherThroughProxy(reporter).publish(request(site(v2)).build());

        assertEquals(1, result.uploaded());
        assertEquals(5, result.unchanged());
        assertEquals(6, proxy.log().stream().filter(r -> r.method().equals("HEAD")).count());
        assertEquals("User-agent: x\n", SiteFixtures.objects(clients, BUCKET).get("robots.txt"));
    }

    @Test
    public void linksLeadingOutOfDir_areSkippedWithAWarning() throws Exception {
        Path dir = site(SiteFixtures.sampleSite());
        Path outside = Files.writeString(temp.newFile("secret.txt").toPath(), "not for the site");
        Files.createSymbolicLink(dir.resolve("leak.txt"), outside);
        Files.createSymbolicLink(dir.resolve("home.html"), dir.resolve("index.html"));

        PublishSiteResult result = publisher().publish(request(dir).build());

        assertEquals(7, result.uploaded());
        Map<String, String> objects = SiteFixtures.objects(clients, BUCKET);
        assertFalse(objects.containsKey("leak.txt"));
        assertEquals(objects.get("index.html"), objects.get("home.html"));
        assertTrue(reporter.text(), reporter.contains("warn: Skipped leak.txt: a link to a file outside dir"));
    }

    private static String inProgress() {
        return "<?xml version=\"1.0\"?><Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-01-01T00:00:00Z</CreateTime>"
                + "<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/</Path></Items></Paths>"
                + "<CallerReference>test</CallerReference></InvalidationBatch></Invalidation>";
    }

    private static String listingWithOtherEtags(Map<String, String> files) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET
                + "</Name><Prefix></Prefix><KeyCount>" + files.size() + "</KeyCount><MaxKeys>1000</MaxKeys>"
                + "<IsTruncated>false</IsTruncated>");
        files.forEach((key, content) -> xml.append("<Contents><Key>").append(key).append("</Key>")
                .append("<LastModified>2026-01-01T00:00:00.000Z</LastModified>")
                .append("<ETag>&quot;0123456789abcdef0123456789abcdef&quot;</ETag>")
                .append("<ChecksumAlgorithm>SHA256</ChecksumAlgorithm><Size>").append(content.length())
                .append("</Size><StorageClass>STANDARD</StorageClass></Contents>"));
        return xml.append("</ListBucketResult>").toString();
    }
}
