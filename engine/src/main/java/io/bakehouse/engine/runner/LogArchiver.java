package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.AwsErrors;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Copies a finished task's whole log stream to S3, read again from its start so the archive
 * is complete even when the wait was resumed part-way.
 */
final class LogArchiver {

    private LogArchiver() {
    }

    /** Returns the {@code s3://} URL written. */
    static String archive(CloudWatchLogsClient logs, S3Client s3, TaskProgress task, ArchiveLocation location) {
        StringBuilder all = new StringBuilder();
        String token = null;
        try {
            while (true) {
                String current = token;
                GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName(task.logGroup())
                        .logStreamName(task.logStream()).startFromHead(true).nextToken(current));
                for (OutputLogEvent e : page.events()) {
                    all.append(e.message()).append('\n');
                }
                if (page.events().isEmpty() || page.nextForwardToken() == null
                        || page.nextForwardToken().equals(token)) {
                    break;
                }
                token = page.nextForwardToken();
            }
        } catch (SdkException e) {
            throw AwsErrors.translate("reading log stream " + task.logStream() + " to archive it", e);
        }
        String key = location.key(task.taskId());
        try {
            s3.putObject(r -> r.bucket(location.bucket()).key(key).contentType("text/plain; charset=utf-8"),
                    RequestBody.fromString(all.toString(), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw AwsErrors.translate("archiving the task's output to s3://" + location.bucket() + "/" + key, e);
        }
        return "s3://" + location.bucket() + "/" + key;
    }
}
