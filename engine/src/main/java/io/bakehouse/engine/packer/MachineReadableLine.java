package io.bakehouse.engine.packer;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code packer -machine-readable} output: {@code timestamp,target,type,data...}. Packer writes
 * commas inside a field as {@code %!(PACKER_COMMA)} and line breaks as a backslash and {@code n} (or {@code r}),
 * so one message is always one line; {@link #data()} holds the fields with those escapes undone.
 *
 * @param target  the build the line is about (e.g. {@code local.amazon-ebs.app}), empty for the run as a whole
 * @param type    {@code ui}, {@code artifact}, {@code artifact-count}, {@code error}, {@code error-count}, …
 */
public record MachineReadableLine(long timestamp, String target, String type, List<String> data) {

    static final String COMMA = "%!(PACKER_COMMA)";

    public MachineReadableLine {
        data = List.copyOf(data);
    }

    /** The line parsed, or {@code null} when it is not machine-readable output (Packer's plain messages). */
    public static MachineReadableLine parse(String line) {
        String[] parts = line.split(",", -1);
        if (parts.length < 3 || parts[0].isEmpty() || parts[0].length() > 19 || !digits(parts[0])
                || parts[2].isEmpty()) {
            return null;
        }
        List<String> data = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            data.add(unescape(parts[i]));
        }
        return new MachineReadableLine(Long.parseLong(parts[0]), unescape(parts[1]), parts[2], data);
    }

    /** Undoes Packer's escaping of one field. */
    static String unescape(String field) {
        return field.replace(COMMA, ",").replace("\\n", "\n").replace("\\r", "\r");
    }

    /** Field {@code i} of the data, or {@code ""} when the line has fewer fields. */
    public String field(int i) {
        return i < data.size() ? data.get(i) : "";
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
