package io.bakehouse.engine.concurrent;

import java.time.Duration;

/**
 * How often a wait looks at AWS (a stack's operation, a service's deployment, a CloudFront
 * invalidation): soon at first, backing off while nothing happens, and soon again as soon as
 * something does. Errors back off further.
 *
 * @param first   the first interval (and the one after new events)
 * @param max     the longest interval while all is well
 * @param maxOnError the longest interval after throttling or a transient error
 */
public record PollSchedule(Duration first, Duration max, Duration maxOnError) {

    /** First look within a second, then at most every five seconds. */
    public static final PollSchedule DEFAULT = new PollSchedule(Duration.ofMillis(1000), Duration.ofSeconds(5),
            Duration.ofSeconds(20));

    public PollSchedule {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxOnError.compareTo(max) < 0) {
            throw new IllegalArgumentException("a poll schedule needs 0 < first <= max <= maxOnError");
        }
    }

    /** The interval after {@code current} when nothing new happened: half as long again. */
    public Duration idle(Duration current) {
        return min(current.plus(current.dividedBy(2)), max);
    }

    /** The interval after a throttled or failed request: twice as long, up to {@link #maxOnError}. */
    public Duration afterError(Duration current) {
        return min(current.multipliedBy(2), maxOnError);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
