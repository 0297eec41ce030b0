package io.bakehouse.engine.runner;

import java.time.Duration;

/**
 * A task the gatekeeper approved and ECS started.
 *
 * @param progress    where to follow it from
 * @param maxWaitTime the longest the configuration lets a caller wait for it
 * @param archive     where its output is archived, or {@code null}
 */
public record StartedTask(TaskProgress progress, Duration maxWaitTime, ArchiveLocation archive) {
}
