package io.bakehouse.engine.ssm;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code publishAmiParam} writes: one AMI per region under the same parameter name.
 *
 * @param name            the parameter, e.g. {@code /DeploymentConfig/dev/App/AmiId}
 * @param amis            region → AMI ID, in the order given; a {@code null} region means
 *                        "the default region" and is filled in by the publisher
 * @param description     the parameter's description, or {@code null}
 * @param tags            tags for the parameter
 * @param tier            {@code Standard}, {@code Advanced} or {@code Intelligent-Tiering}, or {@code null}
 * @param dataType        {@code aws:ec2:image} (SSM validates the AMI) or {@code text}
 * @param labels          labels for the new version, e.g. the build number or git sha
 * @param overwrite       whether an existing parameter with another value may be overwritten
 * @param skipImageCheck  skip the check that the AMI exists and is available
 * @param force           write a new version even when the value is unchanged
 */
public record PublishAmiParamRequest(String name, Map<String, String> amis, String description,
                                     Map<String, String> tags, String tier, String dataType,
                                     List<String> labels, boolean overwrite, boolean skipImageCheck,
                                     boolean force) implements Serializable {

    public static final String DEFAULT_DATA_TYPE = "aws:ec2:image";
    static final Set<String> TIERS = Set.of("Standard", "Advanced", "Intelligent-Tiering");
    static final Set<String> DATA_TYPES = Set.of("aws:ec2:image", "text");
    private static final int MAX_DESCRIPTION = 1024;
    private static final int MAX_TAGS = 50;

    public PublishAmiParamRequest {
        SsmNames.validateParameterName(name);
        if (amis == null || amis.isEmpty()) {
            throw new InvalidInputException("amiId", "amiId (or amis) is required");
        }
        for (Map.Entry<String, String> e : amis.entrySet()) {
            AmiIds.validate(e.getKey() == null ? "amiId" : "amis", e.getValue());
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "description is longer than " + MAX_DESCRIPTION + " characters");
        }
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "SSM allows at most " + MAX_TAGS + " tags on a parameter");
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > 128 || v == null || v.length() > 256) {
                throw new InvalidInputException("tags", "tag '" + k + "' needs a key of 1-128 and a value of at most 256 characters");
            }
        });
        if (tier != null && !TIERS.contains(tier)) {
            throw new InvalidInputException("tier", "tier '" + tier + "' is not one of " + sorted(TIERS));
        }
        dataType = dataType == null ? DEFAULT_DATA_TYPE : dataType;
        if (!DATA_TYPES.contains(dataType)) {
            throw new InvalidInputException("dataType", "dataType '" + dataType + "' is not one of " + sorted(DATA_TYPES));
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (labels.size() > SsmNames.MAX_LABELS_PER_VERSION) {
            throw new InvalidInputException("labels", "SSM allows at most " + SsmNames.MAX_LABELS_PER_VERSION
                    + " labels on a parameter version");
        }
        labels.forEach(SsmNames::validateLabel);
        amis = Collections.unmodifiableMap(new LinkedHashMap<>(amis));
    }

    /**
     * The AMIs to publish, by region ({@code null}: the default region), from the step's two ways
     * to give them: {@code amiId} for one region or {@code amis} (region to AMI) for several, exactly
     * one of them. Every face calls this, so the rule and its words are the same everywhere.
     */
    public static Map<String, String> amisOf(String amiId, Map<String, String> amis) {
        String single = amiId == null || amiId.isBlank() ? null : amiId.trim();
        boolean several = amis != null && !amis.isEmpty();
        if (single != null && several) {
            throw new InvalidInputException("amiId", "give amiId or amis, not both",
                    "use amiId for one region, amis (region to AMI) for several");
        }
        Map<String, String> byRegion = new LinkedHashMap<>();
        if (!several) {
            if (single == null) {
                throw new InvalidInputException("amiId", "amiId (or amis) is required");
            }
            byRegion.put(null, single);
            return byRegion;
        }
        amis.forEach((region, ami) -> {
            if (region == null || region.isBlank()) {
                throw new InvalidInputException("amis", "amis has an entry without a region",
                        "give each AMI with its region, e.g. us-east-1 to ami-0123456789abcdef0");
            }
            byRegion.put(region.trim(), ami);
        });
        return byRegion;
    }

    /** A request for one AMI in the default region, with every option at its default. */
    public static PublishAmiParamRequest of(String name, String amiId) {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put(null, amiId);
        return new PublishAmiParamRequest(name, amis, null, Map.of(), null, null, List.of(), true, false, false);
    }

    /**
     * Parses the {@code amis} form {@code us-east-1=ami-1,eu-west-1=ami-2} (also accepting
     * Packer's {@code region:ami} pairs).
     */
    public static Map<String, String> parseAmis(String spec) {
        Map<String, String> amis = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String p = pair.trim();
            int sep = p.indexOf('=') >= 0 ? p.indexOf('=') : p.indexOf(':');
            if (sep <= 0 || sep == p.length() - 1) {
                throw new InvalidInputException("amis", "'" + p + "' is not a region=ami-id pair",
                        "use the form us-east-1=ami-0123456789abcdef0,eu-west-1=ami-…");
            }
            String region = p.substring(0, sep).trim();
            if (amis.put(region, p.substring(sep + 1).trim()) != null) {
                throw new InvalidInputException("amis", "region " + region + " is given twice");
            }
        }
        return amis;
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        Collections.sort(list);
        return list;
    }
}
