package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference as Docker and ECS read it: {@code [registry[:port]/]path[:tag][@digest]}.
 * Without a registry the image is on Docker Hub; without a tag or digest it means {@code latest}.
 *
 * @param text     the reference as given
 * @param registry the registry host (with its port), or {@code null} for Docker Hub
 * @param path     the repository path within the registry, e.g. {@code library/nginx} or {@code app}
 * @param tag      the tag, or {@code null}
 * @param digest   the digest ({@code sha256:...}), or {@code null}
 */
public record ImageReference(String text, String registry, String path, String tag, String digest)
        implements Serializable {

    private static final int MAX_NAME = 255;
    private static final String HOST_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:" + HOST_LABEL + "(?:\\." + HOST_LABEL + ")*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9A-Fa-f]{32,})");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ECR_HOST = Pattern.compile(
            "([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    /**
     * Reads {@code text} as an image reference for the parameter {@code field}; a reference Docker
     * would refuse is a usage error saying what is wrong with it.
     */
    public static ImageReference parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, field + " is empty: an image reference is required");
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(field, text, "it contains white space");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            checkDigest(field, text, digest);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(field, text, "tag '" + tag + "' is not valid (letters, digits, '_', '.' and '-',"
                        + " at most 128, not starting with '.' or '-')");
            }
        }
        if (rest.isEmpty()) {
            throw invalid(field, text, "it names no repository");
        }
        if (rest.length() > MAX_NAME) {
            throw invalid(field, text, "the repository name is longer than " + MAX_NAME + " characters");
        }
        String registry = null;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0 && isRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            path = rest.substring(slash + 1);
            if (!REGISTRY.matcher(registry).matches()) {
                throw invalid(field, text, "registry '" + registry + "' is not a host name with an optional port");
            }
        }
        checkPath(field, text, path);
        return new ImageReference(text, registry, path, tag, digest);
    }

    /** Docker's rule: the first component names a registry when it has a dot or a port, is localhost, or has capitals. */
    private static boolean isRegistry(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static void checkPath(String field, String text, String path) {
        if (path.isEmpty()) {
            throw invalid(field, text, "it names no repository after the registry");
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                String why = component.isEmpty() ? "the repository path has an empty component"
                        : !component.equals(component.toLowerCase(Locale.ROOT))
                        ? "repository names are lowercase ('" + component + "')"
                        : "'" + component + "' is not a repository name component (lowercase letters and digits,"
                        + " joined by '.', '_', '__' or '-')";
                throw invalid(field, text, why);
            }
        }
    }

    private static void checkDigest(String field, String text, String digest) {
        Matcher m = DIGEST.matcher(digest);
        if (!m.matches()) {
            throw invalid(field, text, "digest '" + digest + "' is not ALGORITHM:HEX (e.g. sha256 and 64 hex digits)");
        }
        if (m.group(1).equals("sha256") && !SHA256.matcher(m.group(2)).matches()) {
            throw invalid(field, text, "a sha256 digest has exactly 64 lowercase hex digits");
        }
    }

    private static InvalidInputException invalid(String field, String text, String why) {
        return new InvalidInputException(field, "image '" + text + "' is not a valid image reference: " + why,
                "write REPOSITORY[:TAG][@sha256:DIGEST], e.g. "
                        + "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:9f1c2ab or nginx:1.27");
    }

    /** The image in a private ECR registry this reference names, if it names one. */
    public Optional<EcrImage> ecr() {
        if (registry == null) {
            return Optional.empty();
        }
        Matcher m = ECR_HOST.matcher(registry);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EcrImage(m.group(1), m.group(2), path, digest == null && tag == null ? "latest" : tag,
                digest));
    }

    @Override
    public String toString() {
        return text;
    }
}
