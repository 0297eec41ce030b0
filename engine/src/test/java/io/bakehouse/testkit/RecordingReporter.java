package io.bakehouse.testkit;

import io.bakehouse.engine.output.Reporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Reporter} that keeps every line (warnings prefixed {@code WARN }, details
 * {@code DETAIL }) for assertions, and can react to progress lines as they come.
 */
public final class RecordingReporter implements Reporter {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> onProgress = line -> { };

    /** Runs {@code listener} on each progress line, e.g. to inject a fault at a given point. */
    public RecordingReporter onProgress(Consumer<String> listener) {
        this.onProgress = listener;
        return this;
    }

    @Override
    public void progress(String line) {
        lines.add(line);
        onProgress.accept(line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public void detail(String line) {
        lines.add("DETAIL " + line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every line, one per line of text. */
    public String text() {
        return String.join("\n", lines);
    }
}
