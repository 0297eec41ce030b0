package io.bakehouse.engine.site;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.time.Instant;
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

    /** How often the invalidation is looked at: first after this, then half as long again each time, up to {@code maxPoll}. */
    record Polling(Duration first, Duration max, Duration maxWait) {
        /** CloudFront takes from a few seconds to several minutes; after 30 minutes something is wrong. */
        static final Polling DEFAULT = new Polling(Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofMinutes(30));
    }

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
     * Waits until invalidation {@code invalidationId} is complete, looking as {@code polling} says.
     *
     * @param sleeper sleeps, and says whether the publish was cancelled meanwhile
     * @return {@code false} when cancelled before it completed
     */
    boolean await(String invalidationId, Polling polling, Sleeper sleeper) {
        Instant start = Instant.now();
        Instant deadline = start.plus(polling.maxWait());
        reporter.progress("Waiting for invalidation " + invalidationId + " to complete (at most "
                + Durations.format(polling.maxWait()) + ")");
        Duration pause = polling.first();
        while (true) {
            if (sleeper.sleep(pause)) {
                return false;
            }
            String status;
            try {
                status = cloudFront.getInvalidation(r -> r.distributionId(id).id(invalidationId)).invalidation().status();
            } catch (SdkException e) {
                throw AwsErrors.translate("looking at invalidation " + invalidationId + " of " + id, e);
            }
            if ("Completed".equalsIgnoreCase(status)) {
                reporter.progress("Invalidation " + invalidationId + " completed after "
                        + Duration.between(start, Instant.now()).toSeconds() + " s");
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                throw BakehouseException.failure("Invalidation " + invalidationId + " of " + id + " was still "
                        + status + " after " + Durations.format(polling.maxWait()) + "; the files are published",
                        "it goes on in CloudFront: aws cloudfront get-invalidation --distribution-id " + id
                                + " --id " + invalidationId);
            }
            reporter.detail("Invalidation " + invalidationId + " is " + status);
            long next = Math.min(polling.max().toMillis(), pause.toMillis() * 3 / 2);
            pause = Duration.ofMillis(Math.min(next, Math.max(0, Duration.between(Instant.now(), deadline).toMillis())));
        }
    }

    /** Sleeps; returns {@code true} when the publish was cancelled before or while it slept. */
    interface Sleeper {
        boolean sleep(Duration d);
    }
}
