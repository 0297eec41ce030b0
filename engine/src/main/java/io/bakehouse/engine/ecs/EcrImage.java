package io.bakehouse.engine.ecs;

import java.io.Serializable;

/**
 * An image in a private ECR registry, as an {@link ImageReference} names it.
 *
 * @param registryId the registry's AWS account
 * @param region     the registry's region
 * @param repository the repository's name
 * @param tag        the tag, or {@code null} when only the digest names the image
 * @param digest     the digest, or {@code null}
 */
public record EcrImage(String registryId, String region, String repository, String tag, String digest)
        implements Serializable {

    public EcrImage {
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("an ECR image is named by a tag or a digest");
        }
    }

    /** A name for messages: {@code repository@digest} when the digest is known, else {@code repository:tag}. */
    public String label() {
        return digest != null ? repository + "@" + digest : repository + ":" + tag;
    }
}
