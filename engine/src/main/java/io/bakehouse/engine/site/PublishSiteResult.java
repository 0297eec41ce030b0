package io.bakehouse.engine.site;

import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code publishSite} did (or, with {@code dryRun}, would do).
 *
 * @param uploaded        new and changed files written
 * @param unchanged       files the bucket already held as they are
 * @param deleted         objects deleted because {@code dir} no longer has them
 * @param bytes           the bytes uploaded
 * @param invalidationId  the CloudFront invalidation created, or {@code null} (no distribution, nothing to
 *                        invalidate, or a dry run)
 * @param paths           the paths invalidated (with {@code dryRun}: that would be)
 */
public record PublishSiteResult(String bucket, String prefix, int uploaded, int unchanged, int deleted, long bytes,
                                String invalidationId, List<String> paths, boolean dryRun)
        implements JsonValue, Serializable {

    public PublishSiteResult {
        paths = List.copyOf(paths);
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", bucket);
        m.put("prefix", prefix);
        m.put("uploaded", uploaded);
        m.put("unchanged", unchanged);
        m.put("deleted", deleted);
        m.put("bytes", bytes);
        m.put("invalidationId", invalidationId);
        m.put("paths", paths);
        m.put("dryRun", dryRun);
        return m;
    }
}
