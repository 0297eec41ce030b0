package io.bakehouse.jenkins.site;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.Beside;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.site.PublishSiteRequest;
import io.bakehouse.engine.site.PublishSiteResult;
import io.bakehouse.engine.site.SitePublisher;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WorkspacePaths;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code publishSite} on the agent: the engine's publisher with a validated request, {@code dir} resolved
 * against the workspace. The publish runs on a thread of its own while the call's thread waits for it, so
 * that an abort (which interrupts the call's thread, on the agent too) becomes the publisher's cancel: no
 * new upload starts, those in flight finish, and what was done goes to the build log before the call
 * returns (the step has failed with the abort by then, and the clients close when the call returns).
 */
public record PublishSiteTask(PublishSiteRequest request) implements AgentTask<PublishSiteResult> {

    private static final long serialVersionUID = 1L;

    /** How long an abort waits for the uploads in flight to finish and the publish to say where it stopped. */
    static final Duration STOP_WAIT = Duration.ofSeconds(90);

    @Override
    public PublishSiteResult run(AwsClients clients, Reporter reporter, File workspace) throws InterruptedException {
        SitePublisher publisher = new SitePublisher(clients, reporter);
        PublishSiteRequest inWorkspace = inWorkspace(workspace);
        CompletableFuture<PublishSiteResult> publishing = Beside.start("bakehouse-publish-site",
                () -> publisher.publish(inWorkspace));
        try {
            return publishing.get();
        } catch (ExecutionException e) {
            return Beside.join(publishing); // rethrows the engine's exception as it was thrown
        } catch (InterruptedException e) {
            publisher.cancel("the build was aborted");
            reporter.warn(stopped(publishing));
            throw e;
        }
    }

    /** How the cancelled publish ended, waiting for it at most {@link #STOP_WAIT}. */
    private static String stopped(CompletableFuture<PublishSiteResult> publishing) {
        try {
            PublishSiteResult done = publishing.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return "The publish of s3://" + done.bucket() + "/" + done.prefix() + " had finished when the build"
                    + " was aborted: " + done.uploaded() + " uploaded, " + done.deleted() + " deleted";
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "The publish had not stopped " + STOP_WAIT.toSeconds() + "s after the abort; the uploads in flight"
                    + " may still complete. Publishing again finishes the job.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted again while the publish was stopping; publishing again finishes the job.";
        }
    }

    /** The request with {@code dir} resolved against the workspace (an absolute one stays as it is). */
    PublishSiteRequest inWorkspace(File workspace) {
        PublishSiteRequest r = request;
        return PublishSiteRequest.builder(WorkspacePaths.resolve(workspace, r.dir()), r.bucket()).prefix(r.prefix())
                .distributionId(r.distributionId()).delete(r.delete()).cacheControl(r.cacheControl())
                .invalidate(r.invalidate()).waitForInvalidation(r.waitForInvalidation()).dryRun(r.dryRun())
                .allowEmpty(r.allowEmpty()).build();
    }
}
