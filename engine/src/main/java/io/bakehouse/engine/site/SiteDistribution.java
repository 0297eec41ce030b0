package io.bakehouse.engine.site;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.Origin;

/** The CloudFront distribution in front of the site: looked up before anything is written, then invalidated. */
final class SiteDistribution {

    /**
     * How often an invalidation is looked at: first after two seconds, then half as long again each time while
     * it is in progress, at most every 15 seconds (CloudFront takes from a few seconds to several minutes).
     */
    static final PollSchedule POLLS = new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(15),
            Duration.ofSeconds(30));

    /** The longest wait for an invalidation: after 30 minutes something is wrong. */
    static final Duration MAX_WAIT = Duration.ofMinutes(30);

    /** Throttled or failed looks in a row that the wait rides out before it gives up. */
    static final int MAX_TRANSIENT_ERRORS = 10;

    private final CloudFrontClient cloudFront;
    private final String id;
    private final Reporter reporter;

    SiteDistribution(CloudFrontClient cloudFront, String id, Reporter reporter) {
        this.cloudFront = cloudFront;
        this.id = id;
        this.reporter = reporter;
    }

    String id() {
        return id;
    }

    /**
     * Checks the distribution exists and works out where it serves the site from: the origin that names
     * the bucket and whose origin path covers {@code prefix}.
     */
    ViewerPaths lookUp(String bucket, String prefix) {
        Distribution distribution;
        try {
            distribution = cloudFront.getDistribution(r -> r.id(id)).distribution();
        } catch (NoSuchDistributionException e) {
            throw unknown();
        } catch (SdkException e) {
            if ("NoSuchDistribution".equals(AwsErrors.code(e))) {
                throw unknown();
            }
            throw AwsErrors.translate("looking up CloudFront distribution " + id, e);
        }
        List<Origin> origins = distribution.distributionConfig().origins().items();
        String served = null;
        List<String> bucketPaths = new ArrayList<>();
        for (Origin origin : origins) {
            if (ViewerPaths.isBucketOrigin(origin.domainName(), bucket)) {
                String p = ViewerPaths.servedBy(origin.originPath());
                bucketPaths.add("s3://" + bucket + "/" + p);
                if (prefix.startsWith(p) && (served == null || p.length() > served.length())) {
                    served = p;
                }
            }
        }
        if (served != null) {
            reporter.detail("Distribution " + id + " serves s3://" + bucket + "/" + served + " at /");
            return ViewerPaths.serving(served);
        }
        if (bucketPaths.isEmpty()) {
            reporter.warn("Distribution " + id + " has no origin naming bucket " + bucket
                    + "; its paths are taken to be the objects' keys");
            return ViewerPaths.serving("");
        }
        reporter.warn("Distribution " + id + " serves " + String.join(", ", bucketPaths) + ", not s3://" + bucket + "/"
                + prefix + ": nothing it caches comes from this publish, so only paths given to invalidate are invalidated");
        return ViewerPaths.notServing();
    }

    private InvalidInputException unknown() {
        return new InvalidInputException("distributionId", "CloudFront distribution " + id
                + " does not exist; nothing was published",
                "check the ID (aws cloudfront list-distributions), or leave distributionId out to publish without one");
    }

    /** Creates an invalidation of {@code paths}; returns its ID. */
    String invalidate(List<String> paths) {
        try {
            String invalidationId = cloudFront.createInvalidation(r -> r.distributionId(id).invalidationBatch(b -> b
                    .callerReference("bakehouse-" + UUID.randomUUID())
                    .paths(p -> p.quantity(paths.size()).items(paths)))).invalidation().id();
            reporter.progress("Invalidating " + Tally.count(paths.size(), "path") + " in "
                    + id + ": " + String.join(" ", paths.size() > 5 ? paths.subList(0, 5) : paths)
                    + (paths.size() > 5 ? " ..." : "") + " (invalidation " + invalidationId + ")");
            return invalidationId;
        } catch (SdkException e) {
            throw AwsErrors.translate("invalidating " + paths.size() + " paths in CloudFront distribution " + id, e);
        }
    }

    /**
     * Waits until invalidation {@code invalidationId} is complete, looking as {@code schedule} says and riding
     * out throttling and transient errors, for at most {@code maxWait}.
     *
     * @return {@code false} when {@code cancel} was cancelled before it completed
     */
    boolean await(String invalidationId, PollSchedule schedule, Duration maxWait, CancelToken cancel) {
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        reporter.progress("Waiting for invalidation " + invalidationId + " to complete (at most "
                + Durations.format(maxWait) + ")");
        String what = "invalidation " + invalidationId + " of distribution " + id;
        Duration interval = schedule.first();
        int errors = 0;
        while (true) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (cancel.sleep(interval.toNanos() < left ? interval : Duration.ofNanos(left), what)) {
                return false;
            }
            String status;
            try {
                status = cloudFront.getInvalidation(r -> r.distributionId(id).id(invalidationId)).invalidation().status();
                errors = 0;
            } catch (SdkException e) {
                if (!AwsErrors.isTransient(e) || ++errors > MAX_TRANSIENT_ERRORS) {
                    throw AwsErrors.translate("looking at " + what, e);
                }
                interval = schedule.afterError(interval);
                reporter.detail("CloudFront " + (AwsErrors.isThrottling(e) ? "throttled" : "failed") + " a look at "
                        + what + " (" + AwsErrors.code(e) + "); looking again in " + Durations.format(interval));
                status = null;
            }
            if ("Completed".equalsIgnoreCase(status)) {
                reporter.progress("Invalidation " + invalidationId + " completed after "
                        + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw BakehouseException.failure("Invalidation " + invalidationId + " of " + id + " was still "
                        + (status == null ? "unknown (CloudFront did not answer)" : status) + " after "
                        + Durations.format(maxWait) + "; the files are published",
                        "it goes on in CloudFront: aws cloudfront get-invalidation --distribution-id " + id
                                + " --id " + invalidationId);
            }
            if (status != null) {
                reporter.detail("Invalidation " + invalidationId + " is " + status);
                interval = schedule.idle(interval);
            }
        }
    }
}
