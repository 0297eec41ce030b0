package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

public class CacheRulesTest {

    @Test
    public void defaults_pagesNoCache_hashedAssetsImmutable_restFiveMinutes() {
        CacheRules rules = CacheRules.of(Map.of());

        assertEquals("no-cache", rules.valueFor("index.html"));
        assertEquals("no-cache", rules.valueFor("docs/page.3f9a1c2b.html"));
        assertEquals("public, max-age=31536000, immutable", rules.valueFor("assets/app.3f9a1c2b.js"));
        assertEquals("public, max-age=300", rules.valueFor("favicon.ico"));
        assertEquals("public, max-age=300", rules.valueFor("img/logo-large.png"));
    }

    @Test
    public void isHashed_knowsTheBundlersNames_andLeansTowardsNo() {
        for (String hashed : new String[] {"app.3f9a1c2b.js", "main.3f9a1c2b3d4e5f6a.js", "main.3f9a1c2b.chunk.js",
                "index-B1xYz3Qa.js", "chunk-5HQ2FHJI.js", "app.3f9a1c2b.js.map", "1234-3f9a1c2b3d4e5f6a.js",
                "logo_0a1b2c3d.png"}) {
            assertTrue(hashed, CacheRules.isHashed(hashed));
        }
        for (String plain : new String[] {"app.js", "bootstrap5.css", "3f9a1c2b.js", "vendor-2024.js",
                "logo-large.png", "report.20240101.csv", "deadbeef-deadbeef.js", "polyfill-ie11polyfill.js",
                "index-DiwrgTda.js", "app.3f9a1c2.js"}) {
            assertFalse(plain, CacheRules.isHashed(plain));
        }
    }

    @Test
    public void callersRules_comeFirst_inTheirOrder() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("assets/legacy/**", "public, max-age=60");
        given.put("*.js", "public, max-age=600");
        given.put("*.html", "public, max-age=30");
        CacheRules rules = CacheRules.of(given);

        assertEquals("public, max-age=60", rules.valueFor("assets/legacy/app.3f9a1c2b.js"));
        assertEquals("public, max-age=600", rules.valueFor("assets/app.3f9a1c2b.js"));
        assertEquals("public, max-age=30", rules.valueFor("index.html"));
        assertEquals("public, max-age=31536000, immutable", rules.valueFor("assets/site.3f9a1c2b.css"));
    }

    @Test
    public void values_areTrimmed_andMustBeOneLineOfPrintableAscii() {
        assertEquals("max-age=1", CacheRules.of(Map.of("*.txt", "  max-age=1 ")).valueFor("a.txt"));
        for (String bad : new String[] {"", "  ", "max-age=1\r\nX-Injected: 1", "max-age=1\u00e9", "x".repeat(1025)}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CacheRules.of(Map.of("*.txt", bad)));
            assertEquals("cacheControl", e.field());
        }
    }

    @Test
    public void isHtml_isByExtension() {
        assertTrue(CacheRules.isHtml("a/b/INDEX.HTML"));
        assertTrue(CacheRules.isHtml("old.htm"));
        assertFalse(CacheRules.isHtml("page.html.gz"));
    }
}
