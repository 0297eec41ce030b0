package io.bakehouse.engine.site;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.Beside;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.site.RemoteSite.RemoteObject;
import io.bakehouse.engine.site.SitePlan.Upload;
import io.bakehouse.engine.site.Tally.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code publishSite} step: puts a built static site in S3 under a prefix, incrementally and in an
 * order that never shows viewers an empty site or pages without their assets (see {@link SitePlan}),
 * then invalidates what changed in CloudFront and waits for it. Every check (the folder, the bucket, the
 * distribution) is made before the first write. One instance per publish; {@link #cancel} may be called
 * from any thread (Ctrl-C, a Jenkins abort) and stops the publish between files.
 */
public final class SitePublisher {

    private final AwsClients clients;
    private final Reporter reporter;
    private final PollSchedule invalidationPolls;
    private final Duration maxInvalidationWait;
    private final CancelToken cancel = new CancelToken();

    public SitePublisher(AwsClients clients, Reporter reporter) {
        this(clients, reporter, SiteDistribution.POLLS, SiteDistribution.MAX_WAIT);
    }

    SitePublisher(AwsClients clients, Reporter reporter, PollSchedule invalidationPolls, Duration maxInvalidationWait) {
        this.clients = clients;
        this.reporter = reporter;
        this.invalidationPolls = invalidationPolls;
        this.maxInvalidationWait = maxInvalidationWait;
    }

    /** Stops the publish at the next file (or its wait for the invalidation), which then fails with {@code reason}. */
    public void cancel(String reason) {
        cancel.cancel(reason);
    }

    /** Whether the publish was cancelled; an interrupt of the publishing thread cancels it. */
    private boolean stopped() {
        return cancel.isCancelled();
    }

    public PublishSiteResult publish(PublishSiteRequest request) {
        Comparison comparison = compare(request);
        return request.dryRun() ? dryRun(request, comparison) : write(request, comparison);
    }

    /** What the publish writes and invalidates, and where. */
    private record Comparison(SitePlan plan, List<String> paths, SiteDistribution distribution) {
    }

    /** The distribution, and where it serves the site from. */
    private record Found(SiteDistribution distribution, ViewerPaths viewer) {
    }

    /** Reads the site, the bucket and the distribution, and plans the writes: every check, nothing written. */
    private Comparison compare(PublishSiteRequest request) {
        String site = request.siteUrl();
        // Three independent reads at once: the bucket and the distribution, each on a thread of its own that also
        // builds its client, while the files are read and hashed here. A bad dir is told first, a missing bucket next.
        CompletableFuture<Map<String, RemoteObject>> listing = Beside.start("bakehouse-s3-list",
                () -> new RemoteSite(clients.s3(), request.bucket()).list(request.prefix(), this::stopped));
        CompletableFuture<Found> lookingUp = request.distributionId() == null ? CompletableFuture.completedFuture(null)
                : Beside.start("bakehouse-cloudfront-read", () -> {
                    SiteDistribution d = new SiteDistribution(clients.cloudFront(), request.distributionId(), reporter);
                    return new Found(d, d.lookUp(request.bucket(), request.prefix()));
                });
        reporter.progress("Reading the site in " + request.dir());
        List<SiteFile> files = LocalSite.read(request.dir(), request.prefix(), reporter, this::stopped);
        checkNotCancelled("reading the site");
        if (files.isEmpty() && request.delete() && !request.allowEmpty()) {
            throw new InvalidInputException("dir", "dir " + request.dir() + " has no files: publishing it would delete"
                    + " every object under " + site + "; nothing was published",
                    "check that the site was built into it; to empty the site on purpose, allow it with allowEmpty");
        }
        Map<String, RemoteObject> objects = Beside.join(listing);
        Found found = Beside.join(lookingUp);
        RemoteSite remote = new RemoteSite(clients.s3(), request.bucket());
        Map<String, String> checksums = checksums(remote, SitePlan.needingChecksums(files, objects, request.prefix()));
        checkNotCancelled("comparing the site with " + site);
        SitePlan plan = SitePlan.of(files, objects, checksums, request.prefix(), CacheRules.of(request.cacheControl()),
                request.delete());
        List<String> paths = found == null ? List.of() : request.invalidation().paths(plan, found.viewer(), request.prefix());
        reporter.progress(site + ": " + Tally.count(files.size(), "file") + "; " + plan.uploads() + " new or changed ("
                + Tally.size(plan.bytes()) + "), " + plan.unchanged() + " unchanged, " + plan.deletions().size()
                + " to delete" + (request.delete() ? "" : " (delete is off)"));
        return new Comparison(plan, paths, found == null ? null : found.distribution());
    }

    /** Writes the plan in its order, then invalidates and waits. */
    private PublishSiteResult write(PublishSiteRequest request, Comparison comparison) {
        String site = request.siteUrl();
        SitePlan plan = comparison.plan();
        Tally tally = new Tally(plan, reporter);
        SiteWrites writes = new SiteWrites(clients.s3(), request.bucket(), tally);
        upload(plan.assets(), writes, tally, site);
        tally.enter(Stage.PAGES);
        upload(plan.pages(), writes, tally, site);
        tally.enter(Stage.DELETIONS);
        delete(plan.deletions(), writes, tally, site);
        tally.enter(Stage.INVALIDATION);
        List<String> paths = comparison.paths();
        String invalidationId = paths.isEmpty() ? null
                : invalidate(comparison.distribution(), paths, request.waitForInvalidation(), tally, site);
        tally.enter(Stage.DONE);
        reporter.progress("Published " + site + ": " + tally.uploadedFiles() + " uploaded (" + Tally.size(tally.bytes())
                + "), " + plan.unchanged() + " unchanged, " + tally.deletedObjects() + " deleted"
                + (invalidationId == null ? "" : ", invalidation " + invalidationId));
        return new PublishSiteResult(request.bucket(), request.prefix(), tally.uploadedFiles(), plan.unchanged(),
                tally.deletedObjects(), tally.bytes(), invalidationId, paths, false);
    }

    /** The stored checksums of {@code keys}, read a few at a time; nothing is written yet. */
    private Map<String, String> checksums(RemoteSite remote, List<String> keys) {
        Map<String, String> checksums = new ConcurrentHashMap<>();
        if (keys.isEmpty()) {
            return checksums;
        }
        reporter.progress("Reading the stored checksums of " + Tally.count(keys.size(), "object")
                + " whose ETag is no MD5");
        Workers.Outcome<String> outcome = Workers.run(keys, this::stopped, () -> cancel("the thread was interrupted"),
                key -> {
                    String sha256 = remote.sha256(key);
                    if (sha256 != null) {
                        checksums.put(key, sha256);
                    }
                });
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return checksums;
    }

    private PublishSiteResult dryRun(PublishSiteRequest request, Comparison comparison) {
        SitePlan plan = comparison.plan();
        List<String> paths = comparison.paths();
        for (Upload u : plan.uploadsInOrder()) {
            reporter.progress("would upload " + u.key() + (u.replaces() ? " (changed, " : " (new, ")
                    + Tally.size(u.file().size()) + ", " + u.contentType() + ", " + u.cacheControl() + ")");
        }
        plan.deletions().forEach(key -> reporter.progress("would delete " + key));
        if (!paths.isEmpty()) {
            reporter.progress("would invalidate " + String.join(" ", paths) + " in " + request.distributionId());
        }
        reporter.progress("Dry run: nothing was changed");
        return new PublishSiteResult(request.bucket(), request.prefix(), plan.uploads(), plan.unchanged(),
                plan.deletions().size(), plan.bytes(), null, paths, true);
    }

    private void upload(List<Upload> uploads, SiteWrites writes, Tally tally, String site) {
        if (uploads.isEmpty()) {
            return;
        }
        boolean pages = tally.stage() == Stage.PAGES;
        reporter.progress("Uploading " + (pages ? Tally.count(uploads.size(), "new or changed page")
                : Tally.count(uploads.size(), "new or changed file") + " other than pages") + " ("
                + Tally.size(uploads.stream().mapToLong(u -> u.file().size()).sum()) + ")");
        Workers.Outcome<Upload> outcome = Workers.run(uploads, this::stopped,
                () -> cancel("the thread was interrupted"), writes::upload);
        if (!outcome.complete(uploads.size())) {
            throw stoppedEarly(outcome.failure(), tally, site);
        }
    }

    private void delete(List<String> keys, SiteWrites writes, Tally tally, String site) {
        if (keys.isEmpty()) {
            return;
        }
        reporter.progress("Deleting " + Tally.count(keys.size(), "object") + " the site no longer has");
        try {
            writes.delete(keys, this::stopped);
        } catch (RuntimeException e) {
            throw stoppedEarly(e, tally, site);
        }
        if (tally.deletedObjects() < keys.size()) {
            throw stoppedEarly(null, tally, site);
        }
    }

    private String invalidate(SiteDistribution distribution, List<String> paths, boolean wait, Tally tally,
                              String site) {
        String id;
        try {
            id = distribution.invalidate(paths);
        } catch (BakehouseException e) {
            throw new BakehouseException(e.kind(), e.getMessage() + "; " + tally.doneSoFar(),
                    "CloudFront serves cached copies until they expire: invalidate them with aws cloudfront"
                            + " create-invalidation --distribution-id " + distribution.id() + " --paths "
                            + String.join(" ", paths), e);
        }
        if (!wait) {
            reporter.progress("Not waiting for invalidation " + id + " (wait is off)");
            return id;
        }
        if (!distribution.await(id, invalidationPolls, maxInvalidationWait, cancel)) {
            throw new CancelledException("Stopped waiting for invalidation " + id + " (" + cancel.reason() + "); "
                    + tally.doneSoFar() + " in " + site + ", and the invalidation goes on in CloudFront", null);
        }
        return id;
    }

    private void checkNotCancelled(String activity) {
        if (stopped()) {
            throw new CancelledException("Publishing was cancelled (" + cancel.reason() + ") while " + activity
                    + "; nothing was published", null);
        }
    }

    /** The failure (or cancellation, when {@code failure} is null) of a publish that had begun writing. */
    private BakehouseException stoppedEarly(RuntimeException failure, Tally tally, String site) {
        String hint = "publish again to finish: the files already uploaded are found unchanged and skipped";
        if (failure == null) {
            return new CancelledException("Publishing to " + site + " was cancelled (" + cancel.reason() + "); "
                    + tally.doneSoFar(), hint);
        }
        if (failure instanceof BakehouseException be) {
            return new BakehouseException(be.kind(), be.getMessage() + "; " + tally.doneSoFar(),
                    be.hint() == null ? hint : be.hint() + "; then " + hint, be);
        }
        return BakehouseException.failure("Publishing to " + site + " failed: " + failure + "; " + tally.doneSoFar(),
                hint, failure);
    }
}
