package io.bakehouse.engine.packer;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.output.Reporter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The AMIs a bake key points at, in EC2. Every AMI a bake produces is tagged {@code BakeKey} (the key) and
 * {@code BakeAmis} (every region's AMI of that bake, {@code region:ami,…}), so a later run with the same
 * inputs finds the whole set from the build region alone.
 */
final class BakedImages {

    static final String BAKE_KEY_TAG = "BakeKey";
    static final String BAKE_AMIS_TAG = "BakeAmis";
    private static final int MAX_TAG_VALUE = 256;

    private final AwsClients clients;
    private final Reporter reporter;

    BakedImages(AwsClients clients, Reporter reporter) {
        this.clients = clients;
        this.reporter = reporter;
    }

    /** The region → AMI set of an available earlier bake with {@code key}, if all of it is still there. */
    Optional<Map<String, String>> find(String key) {
        String region = clients.region();
        List<Image> images = describe(clients, region, "looking for an AMI with bake key " + key, key, null);
        Optional<Image> newest = images.stream().filter(i -> "available".equals(i.stateAsString()))
                .max(Comparator.comparing(i -> i.creationDate() == null ? "" : i.creationDate()));
        if (newest.isEmpty()) {
            images.forEach(i -> reporter.warn("AMI " + i.imageId() + " has this bake key but is "
                    + i.stateAsString() + "; baking again"));
            return Optional.empty();
        }
        Image image = newest.get();
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put(region, image.imageId());
        String others = tag(image, BAKE_AMIS_TAG);
        if (others != null) {
            for (Map.Entry<String, String> e : new Artifact("reused", "", others).amis().entrySet()) {
                if (e.getKey().equals(region)) {
                    continue;
                }
                if (!availableWithKey(e.getKey(), e.getValue(), key)) {
                    reporter.warn("The AMI " + e.getValue() + " in " + e.getKey() + " of the earlier bake ("
                            + image.imageId() + ") is gone or not available; baking again");
                    return Optional.empty();
                }
                amis.put(e.getKey(), e.getValue());
            }
        }
        return Optional.of(amis);
    }

    /** The bake key an AMI carries, or {@code null}; {@code null} too when the AMI does not exist or is not available. */
    String availableKeyOf(String region, String amiId) {
        List<Image> images = describe(clients.forRegion(region), region, "looking up " + amiId, null, amiId);
        return images.stream().filter(i -> "available".equals(i.stateAsString())).findFirst()
                .map(i -> tag(i, BAKE_KEY_TAG)).orElse(null);
    }

    /** Tags every AMI of a bake with the key and the whole set. */
    void tag(Map<String, String> amis, String key) {
        StringBuilder all = new StringBuilder();
        amis.forEach((region, ami) -> all.append(all.length() == 0 ? "" : ",").append(region).append(':').append(ami));
        boolean fits = all.length() <= MAX_TAG_VALUE;
        if (!fits) {
            reporter.warn("Too many regions to list in the " + BAKE_AMIS_TAG + " tag; a later run with the same"
                    + " inputs reuses only the AMI in " + clients.region());
        }
        for (Map.Entry<String, String> e : amis.entrySet()) {
            List<Tag> tags = fits
                    ? List.of(tag(BAKE_KEY_TAG, key), tag(BAKE_AMIS_TAG, all.toString()))
                    : List.of(tag(BAKE_KEY_TAG, key));
            try {
                clients.forRegion(e.getKey()).ec2().createTags(r -> r.resources(e.getValue()).tags(tags));
            } catch (SdkException ex) {
                throw AwsErrors.translate("tagging " + e.getValue() + " in " + e.getKey() + " with its bake key", ex);
            }
        }
        reporter.detail("Tagged " + all + " with " + BAKE_KEY_TAG + "=" + key);
    }

    private boolean availableWithKey(String region, String amiId, String key) {
        return key.equals(availableKeyOf(region, amiId));
    }

    private static List<Image> describe(AwsClients regional, String region, String action, String key, String amiId) {
        try {
            return regional.ec2().describeImages(r -> {
                r.owners("self");
                if (key != null) {
                    r.filters(Filter.builder().name("tag:" + BAKE_KEY_TAG).values(key).build());
                }
                if (amiId != null) {
                    r.imageIds(amiId);
                }
            }).images();
        } catch (SdkException e) {
            String code = AwsErrors.code(e);
            if ("InvalidAMIID.NotFound".equals(code) || "InvalidAMIID.Unavailable".equals(code)) {
                return List.of();
            }
            throw AwsErrors.translate(action + " in " + region, e);
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }
}
