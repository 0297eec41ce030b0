package io.bakehouse.engine.site;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code publishSite} publishes, with the step's parameter names. Built with {@link
 * #builder(String, String)}; every field is checked here, so bad input fails before any file is
 * read or any AWS call is made. Whether {@code dir} exists is checked where the files are (on a
 * Jenkins agent), when the publish starts.
 *
 * @param dir            the built site: a folder whose files become the objects under the prefix
 * @param bucket         the S3 bucket's name
 * @param prefix         the key prefix the site lives under, normalised to {@code ""} or {@code a/b/}
 * @param distributionId the CloudFront distribution in front of the bucket, or {@code null}
 * @param delete         whether objects under the prefix that {@code dir} no longer has are deleted
 * @param cacheControl   glob to {@code Cache-Control} value, in order, before the built-in rules ({@link CacheRules})
 * @param invalidate     {@code changed} (default, also for an empty list), {@code all}, {@code none} or viewer paths
 * @param waitForInvalidation the step's {@code wait}: whether to wait for the invalidation to complete
 *                       ({@code wait} names a method of every Java object)
 * @param dryRun         say what would be uploaded, deleted and invalidated, and change nothing
 * @param allowEmpty     let an empty {@code dir} with {@code delete} empty the site
 */
public record PublishSiteRequest(String dir, String bucket, String prefix, String distributionId, boolean delete,
                                 Map<String, String> cacheControl, List<String> invalidate, boolean waitForInvalidation,
                                 boolean dryRun, boolean allowEmpty) implements Serializable {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern DISTRIBUTION_ID = Pattern.compile("[A-Z0-9]{1,64}");
    private static final int MAX_PREFIX = 512;

    public PublishSiteRequest {
        InvalidInputException.require("dir", dir);
        try {
            Path.of(dir);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("dir", "dir '" + dir + "' is not a valid path");
        }
        bucket = checkBucket(bucket);
        prefix = normalizePrefix(prefix);
        distributionId = distributionId == null || distributionId.isBlank() ? null : distributionId.trim();
        if (distributionId != null && !DISTRIBUTION_ID.matcher(distributionId).matches()) {
            throw new InvalidInputException("distributionId", "'" + distributionId
                    + "' is not a CloudFront distribution ID", "distribution IDs look like E2QWRUHAPOMQZL");
        }
        CacheRules.of(cacheControl);
        cacheControl = cacheControl == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cacheControl));
        InvalidationChoice choice = InvalidationChoice.parse(invalidate);
        invalidate = invalidate == null ? List.of() : List.copyOf(invalidate);
        if (distributionId == null && (choice.kind() == InvalidationChoice.Kind.ALL
                || choice.kind() == InvalidationChoice.Kind.PATHS)) {
            throw new InvalidInputException("invalidate", "invalidate needs a distributionId",
                    "give the CloudFront distribution in front of the bucket, e.g. distributionId E2QWRUHAPOMQZL");
        }
    }

    public static Builder builder(String dir, String bucket) {
        return new Builder(dir, bucket);
    }

    /** The S3 URL of the site, e.g. {@code s3://bucket/prefix/}, for messages. */
    public String siteUrl() {
        return "s3://" + bucket + "/" + prefix;
    }

    InvalidationChoice invalidation() {
        return InvalidationChoice.parse(invalidate);
    }

    private static String checkBucket(String bucket) {
        InvalidInputException.require("bucket", bucket);
        String b = bucket.trim();
        if (b.startsWith("s3://")) {
            throw new InvalidInputException("bucket", "bucket '" + b + "' is an S3 URL, not a bucket name",
                    "give the name as bucket and the rest as prefix, e.g. bucket my-site, prefix www");
        }
        if (!BUCKET.matcher(b).matches() || b.contains("..")) {
            throw new InvalidInputException("bucket", "'" + b + "' is not an S3 bucket name",
                    "bucket names have 3-63 lower-case letters, digits, dots and hyphens");
        }
        return b;
    }

    /**
     * {@code ""} for the bucket's root, else the prefix without slashes at either end, plus one: {@code /www/}
     * and {@code www} are both {@code www/}. Keys then never reach outside it: no {@code .} or {@code ..}
     * folder, no empty one.
     */
    static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new InvalidInputException("prefix", "prefix '" + prefix + "' has an empty, . or .. folder",
                        "give a plain key prefix such as www or releases/site");
            }
        }
        if (p.length() > MAX_PREFIX || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new InvalidInputException("prefix", "prefix '" + prefix + "' is too long or has control"
                    + " characters or backslashes", "give a plain key prefix such as www or releases/site");
        }
        return p + "/";
    }

    /** The optional fields, at their defaults until set; {@link #build()} checks them all. */
    public static final class Builder {
        private final String dir;
        private final String bucket;
        private String prefix;
        private String distributionId;
        private boolean delete = true;
        private Map<String, String> cacheControl = Map.of();
        private List<String> invalidate = List.of();
        private boolean waitForInvalidation = true;
        private boolean dryRun;
        private boolean allowEmpty;

        private Builder(String dir, String bucket) {
            this.dir = dir;
            this.bucket = bucket;
        }

        public Builder prefix(String v) { prefix = v; return this; }
        public Builder distributionId(String v) { distributionId = v; return this; }
        public Builder delete(boolean v) { delete = v; return this; }
        public Builder cacheControl(Map<String, String> v) { cacheControl = v; return this; }
        public Builder invalidate(List<String> v) { invalidate = v; return this; }
        public Builder waitForInvalidation(boolean v) { waitForInvalidation = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder allowEmpty(boolean v) { allowEmpty = v; return this; }

        public PublishSiteRequest build() {
            return new PublishSiteRequest(dir, bucket, prefix, distributionId, delete, cacheControl, invalidate,
                    waitForInvalidation, dryRun, allowEmpty);
        }
    }
}
