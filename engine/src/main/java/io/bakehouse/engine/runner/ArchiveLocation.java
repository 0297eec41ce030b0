package io.bakehouse.engine.runner;

import java.util.regex.Pattern;

/** Where a job's full output is archived: {@code s3://bucket/prefix/<task id>.log}. */
public record ArchiveLocation(String bucket, String prefix) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ArchiveLocation {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw ConfigReader.invalid("archive.bucket", "'" + bucket + "' is not an S3 bucket name");
        }
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    }

    /** The object key of a task's output. */
    public String key(String taskId) {
        return prefix.isEmpty() ? taskId + ".log" : prefix + "/" + taskId + ".log";
    }
}
