package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.site.RemoteSite.RemoteObject;
import io.bakehouse.engine.site.SitePlan.Upload;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SitePlanTest {

    private static final String MD5_A = "0cc175b9c0f1b6a831c399e269772661";
    private static final String SHA_A = "ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=";

    private static SiteFile file(String path, long size, String md5, String sha256) {
        return new SiteFile(path, Path.of("/site", path), size, md5, sha256);
    }

    private static Map<String, RemoteObject> remote(RemoteObject... objects) {
        Map<String, RemoteObject> map = new LinkedHashMap<>();
        for (RemoteObject o : objects) {
            map.put(o.key(), o);
        }
        return map;
    }

    private static SitePlan plan(List<SiteFile> files, Map<String, RemoteObject> remote, Map<String, String> checksums,
                                 boolean delete) {
        return SitePlan.of(files, remote, checksums, "www/", CacheRules.of(Map.of()), delete);
    }

    @Test
    public void newAndChangedFiles_areUploaded_pagesApart_andTheRestIsUnchanged() {
        List<SiteFile> files = List.of(file("app.3f9a1c2b.js", 1, MD5_A, SHA_A), file("index.html", 1, MD5_A, SHA_A),
                file("about.html", 1, MD5_A, SHA_A), file("robots.txt", 2, "b", "b="));
        Map<String, RemoteObject> remote = remote(new RemoteObject("www/index.html", 1, MD5_A, true),
                new RemoteObject("www/about.html", 1, "ffffffffffffffffffffffffffffffff", false),
                new RemoteObject("www/robots.txt", 3, "b", true));

        SitePlan plan = plan(files, remote, Map.of(), true);

        assertEquals(List.of("www/app.3f9a1c2b.js", "www/robots.txt"), plan.assets().stream().map(Upload::key).toList());
        assertEquals(List.of("www/about.html"), plan.pages().stream().map(Upload::key).toList());
        assertEquals(1, plan.unchanged());
        assertEquals(List.of("www/robots.txt", "www/about.html"), plan.overwritten());
        assertEquals(4, plan.bytes());
        Upload script = plan.assets().get(0);
        assertFalse(script.replaces());
        assertEquals("text/javascript; charset=utf-8", script.contentType());
        assertEquals(CacheRules.IMMUTABLE, script.cacheControl());
        assertEquals(CacheRules.NO_CACHE, plan.pages().get(0).cacheControl());
    }

    @Test
    public void anEtagThatIsNoMd5_defersToTheStoredChecksum() {
        List<SiteFile> files = List.of(file("a.txt", 1, MD5_A, SHA_A), file("b.txt", 1, MD5_A, SHA_A),
                file("c.txt", 1, MD5_A, SHA_A));
        Map<String, RemoteObject> remote = remote(new RemoteObject("www/a.txt", 1, "kms-etag", true),
                new RemoteObject("www/b.txt", 1, "kms-etag", true), new RemoteObject("www/c.txt", 1, "kms-etag", false));

        assertEquals(List.of("www/a.txt", "www/b.txt"), SitePlan.needingChecksums(files, remote, "www/"));
        SitePlan plan = plan(files, remote, Map.of("www/a.txt", SHA_A, "www/b.txt", "other="), true);

        assertEquals(1, plan.unchanged());
        assertEquals(List.of("www/b.txt", "www/c.txt"), plan.assets().stream().map(Upload::key).toList());
    }

    @Test
    public void deletions_areTheRemoteKeysDirNoLongerHas_sorted_andOnlyWithDelete() {
        List<SiteFile> files = List.of(file("index.html", 1, MD5_A, SHA_A));
        Map<String, RemoteObject> remote = remote(new RemoteObject("www/index.html", 1, MD5_A, true),
                new RemoteObject("www/z.txt", 1, "x", true), new RemoteObject("www/a/old.html", 1, "x", true));

        assertEquals(List.of("www/a/old.html", "www/z.txt"), plan(files, remote, Map.of(), true).deletions());
        assertEquals(List.of(), plan(files, remote, Map.of(), false).deletions());
        assertTrue(plan(files, remote, Map.of(), true).uploadsInOrder().isEmpty());
    }
}
