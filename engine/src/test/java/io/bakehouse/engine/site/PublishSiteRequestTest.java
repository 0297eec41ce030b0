package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.Test;

public class PublishSiteRequestTest {

    private static String fieldOf(Supplier<PublishSiteRequest> build) {
        return assertThrows(InvalidInputException.class, build::get).field();
    }

    @Test
    public void defaults_deleteAndWaitOn_invalidateChanged_prefixTheRoot() {
        PublishSiteRequest r = PublishSiteRequest.builder("dist", "my-site").build();

        assertTrue(r.delete());
        assertTrue(r.waitForInvalidation());
        assertFalse(r.dryRun());
        assertFalse(r.allowEmpty());
        assertEquals("", r.prefix());
        assertNull(r.distributionId());
        assertEquals(InvalidationChoice.Kind.CHANGED, r.invalidation().kind());
        assertEquals("s3://my-site/", r.siteUrl());
    }

    @Test
    public void prefix_isNormalisedToEndInOneSlash() {
        assertEquals("www/", PublishSiteRequest.normalizePrefix("www"));
        assertEquals("www/", PublishSiteRequest.normalizePrefix("/www/"));
        assertEquals("releases/site/", PublishSiteRequest.normalizePrefix(" releases/site// "));
        assertEquals("", PublishSiteRequest.normalizePrefix("/"));
        assertEquals("", PublishSiteRequest.normalizePrefix(null));
    }

    @Test
    public void prefixes_thatCouldLeaveThemselves_areRefused() {
        for (String bad : new String[] {"../other", "www/../x", "a//b", "./www", "a\\b", "a\nb", "x".repeat(513)}) {
            assertEquals(bad, "prefix", fieldOf(() -> PublishSiteRequest.builder("dist", "my-site").prefix(bad).build()));
        }
    }

    @Test
    public void requiredAndShapedFields_nameTheParameter() {
        assertEquals("dir", fieldOf(() -> PublishSiteRequest.builder(" ", "my-site").build()));
        assertEquals("dir", fieldOf(() -> PublishSiteRequest.builder("bad\0path", "my-site").build()));
        assertEquals("bucket", fieldOf(() -> PublishSiteRequest.builder("dist", null).build()));
        assertEquals("bucket", fieldOf(() -> PublishSiteRequest.builder("dist", "My_Bucket").build()));
        assertEquals("bucket", fieldOf(() -> PublishSiteRequest.builder("dist", "a..b").build()));
        assertEquals("distributionId", fieldOf(() -> PublishSiteRequest.builder("dist", "my-site")
                .distributionId("e2qwruhapomqzl").build()));
        assertEquals("cacheControl", fieldOf(() -> PublishSiteRequest.builder("dist", "my-site")
                .cacheControl(Map.of("/abs/*", "no-cache")).build()));
        assertEquals("invalidate", fieldOf(() -> PublishSiteRequest.builder("dist", "my-site")
                .invalidate(List.of("index.html")).distributionId("E2QWRUHAPOMQZL").build()));
    }

    @Test
    public void anS3Url_asBucket_saysToSplitItIntoBucketAndPrefix() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PublishSiteRequest.builder("dist", "s3://my-site/www").build());

        assertEquals("bucket", e.field());
        assertTrue(e.hint(), e.hint().contains("bucket my-site, prefix www"));
    }

    @Test
    public void invalidatingWithoutADistribution_isRefused_butNoneIsFine() {
        assertEquals("invalidate", fieldOf(() -> PublishSiteRequest.builder("dist", "my-site")
                .invalidate(List.of("all")).build()));
        assertEquals("invalidate", fieldOf(() -> PublishSiteRequest.builder("dist", "my-site")
                .invalidate(List.of("/index.html")).build()));
        PublishSiteRequest.builder("dist", "my-site").invalidate(List.of("none")).build();
        PublishSiteRequest.builder("dist", "my-site").invalidate(List.of("changed")).build();
    }

    @Test
    public void theRequest_isAnImmutableValue_thatSurvivesSerialisation() throws Exception {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("*.js", "max-age=60");
        PublishSiteRequest r = PublishSiteRequest.builder("dist", "my-site").prefix("www")
                .distributionId("E2QWRUHAPOMQZL").cacheControl(rules).invalidate(List.of("/index.html")).build();
        rules.put("*.css", "max-age=1");

        assertEquals(Map.of("*.js", "max-age=60"), r.cacheControl());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(r, in.readObject());
        }
    }
}
