package io.bakehouse.engine.ssm;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** SSM Parameter Store's rules for parameter names and version labels, checked before any call. */
public final class SsmNames {

    static final int MAX_NAME_LENGTH = 1011;
    static final int MAX_DEPTH = 15;
    static final int MAX_LABEL_LENGTH = 100;
    static final int MAX_LABELS_PER_VERSION = 10;

    private static final Pattern NAME_CHARS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_.\\-]+");

    private SsmNames() {
    }

    public static void validateParameterName(String name) {
        InvalidInputException.require("name", name);
        String hint = "use a path such as /DeploymentConfig/dev/App/AmiId";
        if (!NAME_CHARS.matcher(name).matches()) {
            throw new InvalidInputException("name", "Parameter name '" + name
                    + "' may contain only letters, digits and _.-/", hint);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "Parameter name is " + name.length()
                    + " characters long; SSM allows at most " + MAX_NAME_LENGTH, hint);
        }
        String bare = name.startsWith("/") ? name.substring(1) : name;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws") || lower.startsWith("ssm")) {
            throw new InvalidInputException("name", "Parameter name '" + name
                    + "' starts with a reserved prefix (aws or ssm)", hint);
        }
        if (name.contains("/")) {
            if (!name.startsWith("/")) {
                throw new InvalidInputException("name", "Parameter name '" + name
                        + "' has a hierarchy, so it must start with /", hint);
            }
            if (name.endsWith("/") || name.contains("//")) {
                throw new InvalidInputException("name", "Parameter name '" + name
                        + "' has an empty path segment", hint);
            }
            int depth = bare.split("/").length;
            if (depth > MAX_DEPTH) {
                throw new InvalidInputException("name", "Parameter name '" + name + "' is " + depth
                        + " levels deep; SSM allows at most " + MAX_DEPTH, hint);
            }
        }
    }

    public static void validateLabel(String label) {
        String hint = "labels are up to 100 letters, digits and _.- such as build-42";
        if (label == null || label.isEmpty() || label.length() > MAX_LABEL_LENGTH
                || !LABEL.matcher(label).matches()) {
            throw new InvalidInputException("labels", "Label '" + label + "' is not a valid SSM version label", hint);
        }
        String lower = label.toLowerCase(Locale.ROOT);
        if (Character.isDigit(label.charAt(0)) || lower.startsWith("aws") || lower.startsWith("ssm")) {
            throw new InvalidInputException("labels", "Label '" + label
                    + "' may not start with a digit, aws or ssm", hint);
        }
    }
}
