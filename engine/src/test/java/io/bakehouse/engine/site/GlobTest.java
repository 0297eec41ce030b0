package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

public class GlobTest {

    private static boolean matches(String glob, String path) {
        return Glob.parse("cacheControl", glob).matches(path);
    }

    @Test
    public void aGlobWithoutSlash_matchesTheFileNameInAnyFolder() {
        assertTrue(matches("*.html", "index.html"));
        assertTrue(matches("*.html", "docs/guide/index.html"));
        assertFalse(matches("*.html", "index.htm"));
        assertTrue(matches("favicon.?co", "favicon.ico"));
        assertTrue(matches("*.{png,jpg}", "img/a.jpg"));
        assertFalse(matches("*.{png,jpg}", "img/a.gif"));
    }

    @Test
    public void aGlobWithSlash_matchesTheWholePath_starWithinANameAndDoubleStarAcrossFolders() {
        assertTrue(matches("assets/*", "assets/app.js"));
        assertFalse(matches("assets/*", "assets/js/app.js"));
        assertTrue(matches("assets/**", "assets/js/app.js"));
        assertTrue(matches("**/*.json", "data.json"));
        assertTrue(matches("**/*.json", "a/b/data.json"));
        assertFalse(matches("docs/*.html", "index.html"));
    }

    @Test
    public void regexCharacters_standForThemselves() {
        assertTrue(matches("a+b(1).txt", "a+b(1).txt"));
        assertFalse(matches("a.txt", "abtxt"));
    }

    @Test
    public void badGlobs_areRefusedWithTheParameterName() {
        for (String bad : new String[] {"", " ", "/assets/*", "*.{png", "*.{a,{b,c}}", "a}b"}) {
            InvalidInputException e = assertThrows(bad, InvalidInputException.class, () -> Glob.parse("cacheControl", bad));
            assertEquals("cacheControl", e.field());
        }
    }
}
