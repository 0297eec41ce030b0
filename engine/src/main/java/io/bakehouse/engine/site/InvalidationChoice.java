package io.bakehouse.engine.site;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * What {@code invalidate} asks for: {@code changed} (the default: the paths of the objects this publish
 * overwrote or deleted, only when there are any), {@code all} (everything under the site, at every
 * publish), {@code none}, or the viewer paths given (at every publish, as given).
 */
record InvalidationChoice(Kind kind, List<String> paths) {

    enum Kind { CHANGED, ALL, NONE, PATHS }

    /** CloudFront takes at most this many paths in progress per distribution. */
    private static final int MAX_PATHS = 3000;

    static InvalidationChoice parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return new InvalidationChoice(Kind.CHANGED, List.of());
        }
        if (values.size() == 1 && values.get(0) != null) {
            switch (values.get(0).trim().toLowerCase(Locale.ROOT)) {
                case "changed":
                    return new InvalidationChoice(Kind.CHANGED, List.of());
                case "all":
                    return new InvalidationChoice(Kind.ALL, List.of());
                case "none":
                    return new InvalidationChoice(Kind.NONE, List.of());
                default:
                    break;
            }
        }
        if (values.size() > MAX_PATHS) {
            throw new InvalidInputException("invalidate", "invalidate has " + values.size()
                    + " paths; CloudFront takes at most " + MAX_PATHS, "use a wildcard such as /assets/*");
        }
        for (String path : values) {
            checkPath(path);
        }
        return new InvalidationChoice(Kind.PATHS, values.stream().map(String::trim).toList());
    }

    /** The paths to invalidate after {@code plan}, for a distribution that serves the bucket as {@code viewer} says. */
    List<String> paths(SitePlan plan, ViewerPaths viewer, String prefix) {
        return switch (kind) {
            case NONE -> List.of();
            case PATHS -> paths;
            case ALL -> viewer.servesSite() ? List.of(viewer.everything(prefix)) : List.of();
            case CHANGED -> viewer.servesSite() ? viewer.changed(plan.overwritten(), plan.deletions(), prefix) : List.of();
        };
    }

    private static void checkPath(String path) {
        String p = path == null ? "" : path.trim();
        if (List.of("changed", "all", "none").contains(p.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("invalidate", "invalidate '" + p + "' cannot be given with paths",
                    "give changed, all or none alone, or only paths such as /index.html");
        }
        if (!p.startsWith("/")) {
            throw new InvalidInputException("invalidate", "invalidate path '" + p + "' does not start with /",
                    "give viewer paths such as /index.html or /docs/*, or changed, all or none");
        }
        boolean plain = p.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        int star = p.indexOf('*');
        if (!plain || (star >= 0 && star != p.length() - 1)) {
            throw new InvalidInputException("invalidate", "invalidate path '" + p + "' is not a CloudFront path",
                    "write paths URL-encoded, without spaces, with * only at the end (e.g. /docs/*)");
        }
    }
}
