package io.bakehouse.engine.cfn;

import java.util.List;

/** A change set as a table a reviewer reads: action, logical ID, type, replacement. */
final class ChangeSetTable {

    private static final String[] HEADINGS = {"Action", "Logical ID", "Type", "Replacement"};

    private ChangeSetTable() {
    }

    static List<String> render(List<ChangeRow> changes) {
        if (changes.isEmpty()) {
            return List.of("(no resource changes listed; parameters, outputs or tags may still change)");
        }
        int[] width = new int[HEADINGS.length];
        for (int i = 0; i < HEADINGS.length; i++) {
            width[i] = HEADINGS[i].length();
        }
        for (ChangeRow r : changes) {
            String[] cells = cells(r);
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add(row(HEADINGS, width));
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w)).append("  ");
        }
        lines.add(rule.toString().stripTrailing());
        for (ChangeRow r : changes) {
            lines.add(row(cells(r), width));
        }
        return lines;
    }

    private static String[] cells(ChangeRow r) {
        return new String[] {nz(r.action()), nz(r.logicalId()), nz(r.resourceType()),
                r.replacement() == null ? "-" : r.replacement()};
    }

    private static String row(String[] cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            s.append(String.format("%-" + width[i] + "s", cells[i])).append("  ");
        }
        return s.toString().stripTrailing();
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
