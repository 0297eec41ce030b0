package io.bakehouse.engine.packer;

import io.bakehouse.engine.ssm.AmiIds;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One artifact a build reported.
 *
 * @param buildName    the build as Packer names it, e.g. {@code local.amazon-ebs.app} (HCL2) or {@code amazon-ebs}
 * @param builderType  e.g. {@code amazon-ebs}
 * @param id           the artifact id; for AMI builders {@code region:ami,region:ami}
 */
public record Artifact(String buildName, String builderType, String id) implements Serializable {

    public Artifact {
        if (buildName == null || id == null) {
            throw new IllegalArgumentException("an artifact needs a build name and an id");
        }
    }

    // equals and hashCode are written out: a record's generated ones are linked at their first call
    // through method handles whose classes the JVM generates then and no class cache holds (about
    // 10 ms of CPU as Packer reports the first artifact).
    @Override
    public boolean equals(Object other) {
        return other instanceof Artifact a && buildName.equals(a.buildName)
                && Objects.equals(builderType, a.builderType) && id.equals(a.id);
    }

    @Override
    public int hashCode() {
        return (buildName.hashCode() * 31 + Objects.hashCode(builderType)) * 31 + id.hashCode();
    }

    /** Region → AMI for every {@code region:ami-…} pair in the id; empty for other artifacts. */
    public Map<String, String> amis() {
        Map<String, String> amis = new LinkedHashMap<>();
        for (String pair : id.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0 && AmiIds.isAmiId(pair.substring(colon + 1).trim())) {
                amis.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
            }
        }
        return amis;
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("buildName", buildName);
        m.put("builderType", builderType);
        m.put("id", id);
        return m;
    }
}
