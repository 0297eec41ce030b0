package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class TextsTest {

    @Test
    public void blankToNull_nullOrBlank_givesNull() {
        assertNull(Texts.blankToNull(null));
        assertNull(Texts.blankToNull(" \t"));
    }

    @Test
    public void blankToNull_text_givesItTrimmed() {
        assertEquals("us-east-1", Texts.blankToNull("  us-east-1 "));
    }
}
