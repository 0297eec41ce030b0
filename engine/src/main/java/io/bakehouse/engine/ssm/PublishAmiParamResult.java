package io.bakehouse.engine.ssm;

import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code publishAmiParam} did. The top-level fields describe the first region; {@code
 * regions} holds every region's outcome (one entry when a single AMI was published).
 */
public record PublishAmiParamResult(String name, List<RegionResult> regions) implements JsonValue, Serializable {

    public PublishAmiParamResult {
        regions = List.copyOf(regions);
    }

    /**
     * One region's outcome.
     *
     * @param version        the parameter's version now holding the AMI
     * @param previousValue  the value before, or {@code null} if the parameter is new (for rollback)
     * @param changed        whether a new version was written
     */
    public record RegionResult(String region, String amiId, long version, String previousValue,
                               Long previousVersion, boolean changed, List<String> labels) implements Serializable {

        public RegionResult {
            labels = List.copyOf(labels);
        }

        Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("region", region);
            m.put("amiId", amiId);
            m.put("version", version);
            m.put("previousValue", previousValue);
            m.put("previousVersion", previousVersion);
            m.put("changed", changed);
            m.put("labels", labels);
            return m;
        }
    }

    public RegionResult primary() {
        return regions.get(0);
    }

    public long version() {
        return primary().version();
    }

    public String previousValue() {
        return primary().previousValue();
    }

    public boolean changed() {
        return regions.stream().anyMatch(RegionResult::changed);
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.putAll(primary().toJsonMap());
        m.put("changed", changed());
        Map<String, Object> byRegion = new LinkedHashMap<>();
        for (RegionResult r : regions) {
            byRegion.put(r.region(), r.toJsonMap());
        }
        m.put("regions", byRegion);
        return m;
    }
}
