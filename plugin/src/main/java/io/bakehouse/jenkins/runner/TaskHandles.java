package io.bakehouse.jenkins.runner;

import io.bakehouse.engine.runner.ArchiveLocation;
import io.bakehouse.engine.runner.StartedTask;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.jenkins.WaitHandle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A started ECS task as a {@link WaitHandle} (plain strings, saved with the build) and back. */
final class TaskHandles {

    static final String KIND = "task";
    private static final String ARCHIVE_BUCKET = "archiveBucket";
    private static final String ARCHIVE_PREFIX = "archivePrefix";
    /** The forward token of the last log page printed; the only identifier the agent moves forward. */
    static final String NEXT_TOKEN = "nextToken";

    private TaskHandles() {
    }

    static WaitHandle of(StartedTask task, Instant deadline) {
        TaskProgress p = task.progress();
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("cluster", p.cluster());
        ids.put("taskArn", p.taskArn());
        ids.put("containerName", p.containerName());
        ids.put("logGroup", p.logGroup());
        ids.put("logStream", p.logStream());
        if (p.nextToken() != null) {
            ids.put(NEXT_TOKEN, p.nextToken());
        }
        if (task.archive() != null) {
            ids.put(ARCHIVE_BUCKET, task.archive().bucket());
            ids.put(ARCHIVE_PREFIX, task.archive().prefix());
        }
        return new WaitHandle(KIND, ids, deadline);
    }

    /** Where to follow the task from. */
    static TaskProgress progress(WaitHandle handle) {
        Map<String, String> ids = handle.ids();
        return new TaskProgress(ids.get("cluster"), ids.get("taskArn"), ids.get("containerName"), ids.get("logGroup"),
                ids.get("logStream"), ids.get(NEXT_TOKEN), null);
    }

    /** Where its output is archived, or {@code null}. */
    static ArchiveLocation archive(WaitHandle handle) {
        String bucket = handle.ids().get(ARCHIVE_BUCKET);
        return bucket == null ? null : new ArchiveLocation(bucket, handle.ids().get(ARCHIVE_PREFIX));
    }
}
