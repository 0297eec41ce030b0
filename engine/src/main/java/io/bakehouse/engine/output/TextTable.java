package io.bakehouse.engine.output;

import java.util.ArrayList;
import java.util.List;

/** A table for the console: a heading row, a rule, then the rows, each column as wide as its widest cell. */
public final class TextTable {

    private TextTable() {
    }

    /** The table's lines; a missing cell ({@code null}) shows as {@code -}. */
    public static List<String> render(List<String> headings, List<List<String>> rows) {
        int[] width = new int[headings.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headings.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], cell(row, i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headings, width));
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w)).append("  ");
        }
        lines.add(rule.toString().stripTrailing());
        for (List<String> row : rows) {
            lines.add(line(row, width));
        }
        return lines;
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "-";
    }

    private static String line(List<String> row, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            s.append(String.format("%-" + width[i] + "s", cell(row, i))).append("  ");
        }
        return s.toString().stripTrailing();
    }
}
