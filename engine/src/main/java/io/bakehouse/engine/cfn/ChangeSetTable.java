package io.bakehouse.engine.cfn;

import io.bakehouse.engine.output.TextTable;
import java.util.ArrayList;
import java.util.List;

/** A change set as a table a reviewer reads: action, logical ID, type, replacement. */
final class ChangeSetTable {

    private static final List<String> HEADINGS = List.of("Action", "Logical ID", "Type", "Replacement");

    private ChangeSetTable() {
    }

    static List<String> render(List<ChangeRow> changes) {
        if (changes.isEmpty()) {
            return List.of("(no resource changes listed; parameters, outputs or tags may still change)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (ChangeRow r : changes) {
            rows.add(java.util.Arrays.asList(r.action(), r.logicalId(), r.resourceType(), r.replacement()));
        }
        return TextTable.render(HEADINGS, rows);
    }
}
