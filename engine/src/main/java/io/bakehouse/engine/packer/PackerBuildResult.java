package io.bakehouse.engine.packer;

import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code packerBuild} produced, or found already baked.
 *
 * @param amiId      the AMI in the build's region (the first AMI when that region has none)
 * @param amis       region → AMI, every region the build reported
 * @param artifacts  every artifact, once each (Packer 1.6 repeats an artifact passed through a post-processor)
 * @param manifest   the manifest file the template's manifest post-processor wrote, or {@code null}
 * @param bakeKey    the bake key of the inputs
 * @param reused     {@code true} when an AMI with this bake key already existed and nothing was built
 */
public record PackerBuildResult(String amiId, Map<String, String> amis, List<Artifact> artifacts, String manifest,
                                String bakeKey, boolean reused) implements JsonValue, Serializable {

    public PackerBuildResult {
        amis = Collections.unmodifiableMap(new LinkedHashMap<>(amis));
        artifacts = List.copyOf(artifacts);
        if (amiId == null || !amis.containsValue(amiId)) {
            throw new IllegalArgumentException("amiId must be one of the AMIs");
        }
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amiId", amiId);
        m.put("amis", amis);
        List<Object> list = new ArrayList<>();
        artifacts.forEach(a -> list.add(a.toJsonMap()));
        m.put("artifacts", list);
        m.put("manifest", manifest);
        m.put("bakeKey", bakeKey);
        m.put("reused", reused);
        return m;
    }
}
