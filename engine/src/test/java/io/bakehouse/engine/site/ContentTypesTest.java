package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ContentTypesTest {

    @Test
    public void of_knownExtensions_inAnyCase_giveTheirType_withACharsetForText() {
        assertEquals("text/html; charset=utf-8", ContentTypes.of("index.html"));
        assertEquals("text/html; charset=utf-8", ContentTypes.of("docs/OLD.HTM"));
        assertEquals("text/javascript; charset=utf-8", ContentTypes.of("assets/app.3f9a1c2b.js"));
        assertEquals("text/javascript; charset=utf-8", ContentTypes.of("assets/module.mjs"));
        assertEquals("text/css; charset=utf-8", ContentTypes.of("site.css"));
        assertEquals("application/json; charset=utf-8", ContentTypes.of("assets/app.js.map"));
        assertEquals("application/manifest+json; charset=utf-8", ContentTypes.of("site.webmanifest"));
        assertEquals("image/svg+xml", ContentTypes.of("logo.svg"));
        assertEquals("image/png", ContentTypes.of("img/Photo.PNG"));
        assertEquals("font/woff2", ContentTypes.of("fonts/inter.woff2"));
        assertEquals("application/wasm", ContentTypes.of("app.wasm"));
        assertEquals("image/x-icon", ContentTypes.of("favicon.ico"));
    }

    @Test
    public void of_unknownOrMissingExtensions_andDotFiles_areOctetStream() {
        assertEquals(ContentTypes.UNKNOWN, ContentTypes.of("CNAME"));
        assertEquals(ContentTypes.UNKNOWN, ContentTypes.of("data.unknownext"));
        assertEquals(ContentTypes.UNKNOWN, ContentTypes.of(".well-known/.htaccess"));
        assertEquals(ContentTypes.UNKNOWN, ContentTypes.of("trailing."));
        assertEquals(ContentTypes.UNKNOWN, ContentTypes.of("folder.html/readme"));
    }
}
