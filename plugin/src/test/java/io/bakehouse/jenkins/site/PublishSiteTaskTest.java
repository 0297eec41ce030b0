package io.bakehouse.jenkins.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.site.PublishSiteRequest;
import io.bakehouse.engine.site.PublishSiteResult;
import io.bakehouse.jenkins.Serialization;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.SiteFixtures;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The agent side of publishSite: serialisation, dir in the workspace, a publish against moto, and an abort. */
public class PublishSiteTaskTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void serialisation_roundTrip_keepsTheWholeRequest() {
        PublishSiteRequest request = PublishSiteRequest.builder("dist", "app-site").prefix("www")
                .distributionId("E2QWRUHAPOMQZL").delete(false).cacheControl(Map.of("*.json", "no-cache"))
                .invalidate(List.of("/index.html")).waitForInvalidation(false).dryRun(true).allowEmpty(true).build();
        PublishSiteTask task = new PublishSiteTask(request);
        assertEquals(task, Serialization.roundTrip(task));
    }

    @Test
    public void inWorkspace_relativeDir_resolvesAgainstTheWorkspace_theRestUnchanged() {
        PublishSiteRequest request = PublishSiteRequest.builder("build/site", "app-site").prefix("www")
                .waitForInvalidation(false).invalidate(List.of("none")).build();
        PublishSiteRequest resolved = new PublishSiteTask(request).inWorkspace(new File("/agent/workspace/job"));
        assertEquals("/agent/workspace/job/build/site", resolved.dir());
        assertEquals(PublishSiteRequest.builder("/agent/workspace/job/build/site", "app-site").prefix("www")
                .waitForInvalidation(false).invalidate(List.of("none")).build(), resolved);
    }

    @Test
    public void inWorkspace_absoluteDir_staysAsItIs() {
        PublishSiteRequest request = PublishSiteRequest.builder("/srv/site", "app-site").build();
        assertEquals("/srv/site", new PublishSiteTask(request).inWorkspace(new File("/agent/workspace/job")).dir());
    }

    @Test
    public void run_relativeDirInTheWorkspace_publishesItThroughTheEngine() throws Exception {
        MOTO.reset();
        AwsClients clients = MOTO.clients();
        SiteFixtures.createBucket(clients, "app-site");
        File workspace = temp.newFolder("ws");
        SiteFixtures.write(workspace.toPath().resolve("dist"), SiteFixtures.sampleSite());

        PublishSiteResult result = new PublishSiteTask(PublishSiteRequest.builder("dist", "app-site").prefix("www")
                .build()).run(clients, new RecordingReporter(), workspace);

        assertEquals(SiteFixtures.sampleSite().size(), result.uploaded());
        assertEquals("www/", result.prefix());
        assertEquals(SiteFixtures.sampleSite().get("index.html"),
                SiteFixtures.objects(clients, "app-site").get("www/index.html"));
    }

    @Test
    public void run_missingBucket_failsWithTheEnginesError() throws Exception {
        MOTO.reset();
        File workspace = temp.newFolder("ws");
        SiteFixtures.write(workspace.toPath().resolve("dist"), SiteFixtures.sampleSite());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new PublishSiteTask(
                PublishSiteRequest.builder("dist", "no-such-bucket").build())
                .run(MOTO.clients(), new RecordingReporter(), workspace));
        assertEquals("bucket", e.field());
    }

    @Test
    public void run_interrupted_cancelsBetweenFiles_logsWhereItStopped_andEndsInterrupted() throws Exception {
        MOTO.reset();
        AwsClients clients = MOTO.clients();
        SiteFixtures.createBucket(clients, "app-site");
        File workspace = temp.newFolder("ws");
        Path dist = workspace.toPath().resolve("dist");
        SiteFixtures.write(dist, SiteFixtures.sampleSite());
        for (int i = 0; i < 60; i++) {
            SiteFixtures.write(dist, Map.of("img/photo" + i + ".txt", "photo " + i));
        }
        CountDownLatch uploading = new CountDownLatch(1);
        AtomicInteger uploads = new AtomicInteger();
        RecordingReporter log = new RecordingReporter();
        Reporter reporter = new Reporter() {
            @Override
            public void progress(String line) {
                log.progress(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }

            @Override
            public void detail(String line) {
                log.detail(line);
                if (line.startsWith("Uploaded ") && uploads.incrementAndGet() == 2) {
                    uploading.countDown();
                }
            }
        };
        PublishSiteTask task = new PublishSiteTask(PublishSiteRequest.builder("dist", "app-site").build());
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread call = new Thread(() -> {
            try {
                task.run(clients, reporter, workspace);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        }, "agent-call");
        call.start();
        assertTrue("the publish started uploading", uploading.await(60, TimeUnit.SECONDS));

        call.interrupt(); // what an abort does to the call's thread on the agent

        Throwable thrown = ended.get(60, TimeUnit.SECONDS);
        assertNotNull("the call ended without a result", thrown);
        assertTrue(String.valueOf(thrown), thrown instanceof InterruptedException);
        String text = log.text();
        assertTrue(text, text.contains("warn: Publishing to s3://app-site/ was cancelled (the build was aborted)"));
        assertTrue(text, text.contains("new or changed files other than pages were uploaded"));
        assertTrue(uploads.get() < 66);
        assertNull("no page was uploaded", SiteFixtures.objects(clients, "app-site").get("index.html"));
    }
}
