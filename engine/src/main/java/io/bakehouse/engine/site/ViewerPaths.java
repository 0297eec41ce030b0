package io.bakehouse.engine.site;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The paths viewers ask a distribution for, from the keys of the bucket's objects. A distribution whose
 * S3 origin has an origin path ({@code /www}) serves {@code www/app.js} at {@code /app.js}; one without
 * serves it at {@code /www/app.js}. Paths are URL-encoded, as CloudFront matches them.
 */
final class ViewerPaths {

    /**
     * The most paths {@code changed} invalidates one by one; above it, everything under the site
     * ({@code /*}, which CloudFront counts as one path). 25 paths keep 40 publishes a month within the
     * 1,000 paths CloudFront invalidates for free each month.
     */
    static final int MAX_CHANGED_PATHS = 25;

    private static final String SAFE = "-._~!$&'()+,;=:@";

    /** The key prefix the origin serves at {@code /}; {@code null} when the distribution does not serve the site. */
    private final String servedPrefix;

    private ViewerPaths(String servedPrefix) {
        this.servedPrefix = servedPrefix;
    }

    /** For a distribution serving the bucket's {@code servedPrefix} at {@code /} ({@code ""}: the whole bucket). */
    static ViewerPaths serving(String servedPrefix) {
        return new ViewerPaths(servedPrefix);
    }

    /** For a distribution that does not serve the site's prefix: no path of it is cached there. */
    static ViewerPaths notServing() {
        return new ViewerPaths(null);
    }

    boolean servesSite() {
        return servedPrefix != null;
    }

    /**
     * Whether {@code domainName}, an origin's, names an S3 endpoint of {@code bucket}: {@code
     * bucket.s3.amazonaws.com}, {@code bucket.s3.eu-west-1.amazonaws.com}, a website endpoint such as
     * {@code bucket.s3-website-us-east-1.amazonaws.com}.
     */
    static boolean isBucketOrigin(String domainName, String bucket) {
        String d = domainName.toLowerCase(Locale.ROOT);
        return d.startsWith(bucket + ".s3.") || d.startsWith(bucket + ".s3-");
    }

    /** The key prefix an origin path serves at {@code /}: {@code /www} serves {@code www/}. */
    static String servedBy(String originPath) {
        String p = originPath == null ? "" : originPath.replaceAll("^/+|/+$", "");
        return p.isEmpty() ? "" : p + "/";
    }

    /** The viewer path of {@code key}, which must be under the served prefix. */
    String pathOf(String key) {
        return "/" + encode(key.substring(servedPrefix.length()));
    }

    /** The wildcard path for everything under the site's {@code prefix}. */
    String everything(String prefix) {
        return pathOf(prefix) + "*";
    }

    /**
     * The paths {@code changed} invalidates: those of the objects overwritten and deleted (but for hashed
     * assets: their names are never reused, and pages still open in browsers may want the old ones), and
     * for an {@code index.html} also its folder ({@code /docs/}, {@code /}), as viewers ask for it. More
     * than {@link #MAX_CHANGED_PATHS} become {@link #everything}.
     */
    List<String> changed(Collection<String> overwritten, Collection<String> deleted, String prefix) {
        TreeSet<String> paths = new TreeSet<>();
        overwritten.forEach(key -> add(paths, key));
        deleted.stream().filter(key -> !CacheRules.isHashed(key.substring(key.lastIndexOf('/') + 1)))
                .forEach(key -> add(paths, key));
        if (paths.size() > MAX_CHANGED_PATHS) {
            return List.of(everything(prefix));
        }
        return new ArrayList<>(paths);
    }

    private void add(TreeSet<String> paths, String key) {
        String path = pathOf(key);
        paths.add(path);
        if (path.endsWith("/index.html")) {
            paths.add(path.substring(0, path.length() - "index.html".length()));
        }
    }

    /** Percent-encodes each name of {@code path} but the characters a URL path may hold as they are. */
    static String encode(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/'
                    || (c < 0x80 && SAFE.indexOf(c) >= 0);
            if (plain) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
