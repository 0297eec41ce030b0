package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.site.InvalidationChoice.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Test;

public class InvalidationChoiceTest {

    @Test
    public void keywords_inAnyCase_andNothing_meanTheirKind() {
        assertEquals(Kind.CHANGED, InvalidationChoice.parse(null).kind());
        assertEquals(Kind.CHANGED, InvalidationChoice.parse(List.of()).kind());
        assertEquals(Kind.CHANGED, InvalidationChoice.parse(List.of("Changed")).kind());
        assertEquals(Kind.ALL, InvalidationChoice.parse(List.of(" all ")).kind());
        assertEquals(Kind.NONE, InvalidationChoice.parse(List.of("NONE")).kind());
    }

    @Test
    public void paths_areTakenAsGiven() {
        InvalidationChoice choice = InvalidationChoice.parse(List.of("/index.html", " /docs/* "));

        assertEquals(Kind.PATHS, choice.kind());
        assertEquals(List.of("/index.html", "/docs/*"), choice.paths());
    }

    @Test
    public void badPaths_andKeywordsAmongPaths_areRefused() {
        List<List<String>> bad = new ArrayList<>(List.of(List.of("index.html"), List.of("/a b.html"),
                List.of("/docs/*/index.html"), List.of("/index.html", "all"), Collections.singletonList(null)));
        bad.add(Collections.nCopies(3001, "/a"));
        for (List<String> values : bad) {
            InvalidInputException e = assertThrows(String.valueOf(values.size() > 5 ? values.size() : values),
                    InvalidInputException.class, () -> InvalidationChoice.parse(values));
            assertEquals("invalidate", e.field());
        }
    }
}
