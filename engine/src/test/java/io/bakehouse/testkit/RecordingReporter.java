package io.bakehouse.testkit;

import io.bakehouse.engine.output.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A reporter that keeps every line, prefixed with its kind, for assertions. */
public final class RecordingReporter implements Reporter {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void progress(String line) {
        lines.add("progress: " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("warn: " + line);
    }

    @Override
    public void detail(String line) {
        lines.add("detail: " + line);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public boolean contains(String text) {
        return lines().stream().anyMatch(l -> l.contains(text));
    }
}
