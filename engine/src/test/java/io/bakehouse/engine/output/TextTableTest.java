package io.bakehouse.engine.output;

import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class TextTableTest {

    @Test
    public void render_widensEachColumnToItsWidestCell_andShowsMissingCellsAsDashes() {
        List<String> lines = TextTable.render(List.of("Severity", "Findings", "Allowed"), List.of(
                Arrays.asList("CRITICAL", "0", "0"), Arrays.asList("INFORMATIONAL", "12", null)));

        assertEquals(List.of(
                "Severity       Findings  Allowed",
                "-------------  --------  -------",
                "CRITICAL       0         0",
                "INFORMATIONAL  12        -"), lines);
    }
}
