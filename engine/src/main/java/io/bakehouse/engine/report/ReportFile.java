package io.bakehouse.engine.report;

import io.bakehouse.engine.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The {@code report} parameter every step with an HTML report takes: the file to write. */
public final class ReportFile {

    private ReportFile() {
    }

    /**
     * {@code report} checked and trimmed: a file to write, not a directory, and a path this system
     * can name; {@code null} (no report) when it is {@code null} or blank.
     */
    public static String checked(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String report = given.trim();
        Path path;
        try {
            path = Path.of(report);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("report", "report '" + report + "' is not a valid path");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("report", "report " + report + " is a directory",
                    "give the HTML file to write, e.g. reports/deploy-dev.html");
        }
        return report;
    }
}
