package io.bakehouse.engine.site;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/** The writes of a publish to S3: one PutObject per file, DeleteObjects for what is gone. */
final class SiteWrites {

    /** The most keys one DeleteObjects request takes. */
    static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;
    private final Tally tally;

    SiteWrites(S3Client s3, String bucket, Tally tally) {
        this.s3 = s3;
        this.bucket = bucket;
        this.tally = tally;
    }

    /**
     * Writes one file with its type, cache header and SHA-256 checksum: S3 checks the bytes against it
     * (a file that changed since it was read is refused) and keeps it, so a later publish can compare
     * without downloading. moto keeps the checksum without checking it, so the tests show the keeping,
     * not the refusal.
     */
    void upload(SitePlan.Upload upload) {
        SiteFile file = upload.file();
        try {
            s3.putObject(r -> r.bucket(bucket).key(upload.key())
                    .contentType(upload.contentType())
                    .cacheControl(upload.cacheControl())
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                    .checksumSHA256(file.sha256()), RequestBody.fromFile(file.file()));
        } catch (SdkException e) {
            throw AwsErrors.translate("uploading " + file.path() + " to s3://" + bucket + "/" + upload.key(), e);
        }
        tally.uploaded(upload);
    }

    /** Deletes {@code keys}, {@value #DELETE_BATCH} a request, asking {@code stopped} between requests. */
    void delete(List<String> keys, BooleanSupplier stopped) {
        for (int from = 0; from < keys.size() && !stopped.getAsBoolean(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            DeleteObjectsResponse response;
            try {
                response = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            } catch (SdkException e) {
                throw AwsErrors.translate("deleting " + batch.size() + " objects from s3://" + bucket, e);
            }
            List<S3Error> errors = response.hasErrors() ? response.errors() : List.of();
            tally.deleted(batch.size() - errors.size());
            if (!errors.isEmpty()) {
                S3Error first = errors.get(0);
                throw BakehouseException.failure("S3 did not delete " + errors.size() + " of " + batch.size()
                        + " objects, among them " + first.key() + " (" + first.code() + ": " + first.message() + ")",
                        "AccessDenied means the identity in use may not s3:DeleteObject under the prefix");
            }
        }
    }
}
