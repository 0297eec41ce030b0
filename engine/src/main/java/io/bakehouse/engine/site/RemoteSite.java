package io.bakehouse.engine.site;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the bucket holds under the prefix, read with ListObjectsV2 (1,000 keys a request): each object's
 * size, ETag and whether S3 keeps a SHA-256 checksum for it. Nothing is downloaded. Keys that end in
 * {@code /} are folder markers (the S3 console's "Create folder"): they are no part of the site and are
 * left alone.
 */
final class RemoteSite {

    /**
     * @param etag    without its quotes
     * @param sha256  whether S3 keeps a SHA-256 checksum of the object (HeadObject then gives it)
     */
    record RemoteObject(String key, long size, String etag, boolean sha256) {
    }

    private final S3Client s3;
    private final String bucket;

    RemoteSite(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Every object under {@code prefix}, by key; stops early (incomplete) when {@code stopped} says so. */
    Map<String, RemoteObject> list(String prefix, BooleanSupplier stopped) {
        Map<String, RemoteObject> objects = new LinkedHashMap<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page;
            try {
                page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).continuationToken(continuation));
            } catch (NoSuchBucketException e) {
                throw missingBucket();
            } catch (SdkException e) {
                if ("NoSuchBucket".equals(AwsErrors.code(e))) {
                    throw missingBucket();
                }
                throw AwsErrors.translate("listing s3://" + bucket + "/" + prefix, e);
            }
            for (S3Object o : page.contents()) {
                if (!o.key().endsWith("/")) {
                    objects.put(o.key(), new RemoteObject(o.key(), o.size(), unquote(o.eTag()),
                            o.hasChecksumAlgorithm() && o.checksumAlgorithm().contains(ChecksumAlgorithm.SHA256)));
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null && !stopped.getAsBoolean());
        return objects;
    }

    /** The SHA-256 checksum S3 keeps for {@code key} (base64), or {@code null} when it keeps none or the object is gone. */
    String sha256(String key) {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).checksumSHA256();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            if (e instanceof S3Exception s && s.statusCode() == 404) {
                return null; // deleted since the listing; a HEAD's 404 has no body, so no error code
            }
            throw AwsErrors.translate("reading the checksum of s3://" + bucket + "/" + key, e);
        }
    }

    private InvalidInputException missingBucket() {
        return new InvalidInputException("bucket", "S3 bucket " + bucket + " does not exist; nothing was published",
                "create the bucket first (the site's stack usually does), or check its name and the region");
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
