package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class ViewerPathsTest {

    @Test
    public void bucketOrigins_areTheBucketsS3AndWebsiteEndpoints() {
        assertTrue(ViewerPaths.isBucketOrigin("my-site.s3.amazonaws.com", "my-site"));
        assertTrue(ViewerPaths.isBucketOrigin("My-Site.S3.eu-west-1.amazonaws.com", "my-site"));
        assertTrue(ViewerPaths.isBucketOrigin("my-site.s3-website-us-east-1.amazonaws.com", "my-site"));
        assertFalse(ViewerPaths.isBucketOrigin("my-site-logs.s3.amazonaws.com", "my-site"));
        assertFalse(ViewerPaths.isBucketOrigin("www.example.com", "my-site"));
    }

    @Test
    public void anOriginPath_servesItsPrefixAtTheRoot() {
        assertEquals("", ViewerPaths.servedBy(null));
        assertEquals("", ViewerPaths.servedBy(""));
        assertEquals("www/", ViewerPaths.servedBy("/www"));
        assertEquals("a/b/", ViewerPaths.servedBy("/a/b/"));
        assertEquals("/app.js", ViewerPaths.serving("www/").pathOf("www/app.js"));
        assertEquals("/www/app.js", ViewerPaths.serving("").pathOf("www/app.js"));
        assertEquals("/*", ViewerPaths.serving("www/").everything("www/"));
        assertEquals("/www/*", ViewerPaths.serving("").everything("www/"));
    }

    @Test
    public void paths_areUrlEncoded_asViewersAskForThem() {
        assertEquals("/caf%C3%A9/menu%20card.html", ViewerPaths.serving("").pathOf("café/menu card.html"));
        assertEquals("/a%2Ab%3Fc%23d%25e.txt", ViewerPaths.serving("").pathOf("a*b?c#d%e.txt"));
        assertEquals("/a-b_c.d~e(f)+g,h@i.txt", ViewerPaths.serving("").pathOf("a-b_c.d~e(f)+g,h@i.txt"));
    }

    @Test
    public void changed_namesOverwrittenAndDeletedPaths_andTheFoldersOfIndexPages_butNotDeletedHashedAssets() {
        ViewerPaths paths = ViewerPaths.serving("");

        List<String> changed = paths.changed(List.of("index.html", "docs/index.html", "robots.txt"),
                List.of("old.html", "assets/app.3f9a1c2b.js"), "");

        assertEquals(List.of("/", "/docs/", "/docs/index.html", "/index.html", "/old.html", "/robots.txt"), changed);
        assertEquals(List.of(), paths.changed(List.of(), List.of("assets/app.3f9a1c2b.js"), ""));
    }

    @Test
    public void changed_aboveTheThreshold_isOneWildcardForTheSite() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ViewerPaths.MAX_CHANGED_PATHS; i++) {
            keys.add("www/p" + i + ".txt");
        }
        assertEquals(ViewerPaths.MAX_CHANGED_PATHS, ViewerPaths.serving("").changed(keys, List.of(), "www/").size());

        keys.add("www/one-more.txt");

        assertEquals(List.of("/www/*"), ViewerPaths.serving("").changed(keys, List.of(), "www/"));
        assertEquals(List.of("/*"), ViewerPaths.serving("www/").changed(keys, List.of(), "www/"));
    }
}
