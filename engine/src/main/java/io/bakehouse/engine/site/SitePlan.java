package io.bakehouse.engine.site;

import io.bakehouse.engine.site.RemoteSite.RemoteObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a publish writes, in the order it writes it: new and changed files other than HTML pages (the
 * assets), then the new and changed pages, then the deletions. Until the pages go up, the site serves its
 * previous pages, and every asset they and the new pages name is there; until the deletions, the assets
 * of the previous pages are there too.
 *
 * <p>A file is unchanged when the object under its key has its size and either an ETag equal to the
 * file's MD5 (S3's ETag of an object written in one request, unencrypted or with SSE-S3: one listing
 * answers for a thousand files) or, where the ETag is something else (SSE-KMS, a multipart upload), a
 * stored SHA-256 checksum equal to the file's (one HeadObject for each such file). Anything else is
 * uploaded again.
 *
 * @param assets      uploads of files other than HTML pages, by path
 * @param pages       uploads of HTML pages, by path
 * @param unchanged   how many files the bucket already holds as they are
 * @param deletions   keys under the prefix that {@code dir} no longer has (none unless {@code delete})
 */
record SitePlan(List<Upload> assets, List<Upload> pages, int unchanged, List<String> deletions) {

    /**
     * One file to write.
     *
     * @param replaces whether it overwrites an object (whose cached copies are then stale)
     */
    record Upload(SiteFile file, String key, boolean replaces, String contentType, String cacheControl) {
    }

    SitePlan {
        assets = List.copyOf(assets);
        pages = List.copyOf(pages);
        deletions = List.copyOf(deletions);
    }

    /** The keys whose stored checksum decides whether their file changed: the ETag could not. */
    static List<String> needingChecksums(List<SiteFile> files, Map<String, RemoteObject> remote, String prefix) {
        List<String> keys = new ArrayList<>();
        for (SiteFile f : files) {
            RemoteObject o = remote.get(prefix + f.path());
            if (o != null && o.size() == f.size() && !o.etag().equalsIgnoreCase(f.md5()) && o.sha256()) {
                keys.add(o.key());
            }
        }
        return keys;
    }

    /**
     * The plan for {@code files} against {@code remote}.
     *
     * @param checksums the stored SHA-256 of the keys {@link #needingChecksums} named (absent: none)
     */
    static SitePlan of(List<SiteFile> files, Map<String, RemoteObject> remote, Map<String, String> checksums,
                       String prefix, CacheRules rules, boolean delete) {
        List<Upload> assets = new ArrayList<>();
        List<Upload> pages = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int unchanged = 0;
        for (SiteFile f : files) {
            String key = prefix + f.path();
            keys.add(key);
            RemoteObject o = remote.get(key);
            if (o != null && same(f, o, checksums.get(key))) {
                unchanged++;
                continue;
            }
            Upload upload = new Upload(f, key, o != null, ContentTypes.of(f.path()), rules.valueFor(f.path()));
            (CacheRules.isHtml(f.path()) ? pages : assets).add(upload);
        }
        List<String> deletions = new ArrayList<>();
        if (delete) {
            remote.keySet().stream().filter(k -> !keys.contains(k)).sorted().forEach(deletions::add);
        }
        return new SitePlan(assets, pages, unchanged, deletions);
    }

    private static boolean same(SiteFile f, RemoteObject o, String storedSha256) {
        if (o.size() != f.size()) {
            return false;
        }
        return o.etag().equalsIgnoreCase(f.md5()) || f.sha256().equals(storedSha256);
    }

    /** The assets, then the pages. */
    List<Upload> uploadsInOrder() {
        return Stream.concat(assets.stream(), pages.stream()).toList();
    }

    /** The keys of the objects the uploads overwrite. */
    List<String> overwritten() {
        return uploadsInOrder().stream().filter(Upload::replaces).map(Upload::key).toList();
    }

    int uploads() {
        return assets.size() + pages.size();
    }

    long bytes() {
        return uploadsInOrder().stream().mapToLong(u -> u.file().size()).sum();
    }
}
