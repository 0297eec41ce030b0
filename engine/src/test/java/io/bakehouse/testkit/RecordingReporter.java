package io.bakehouse.testkit;

import io.bakehouse.engine.output.Reporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Reporter} that keeps every line, prefixed with its kind ({@code progress: },
 * {@code warn: }, {@code detail: }, {@code output: }), for assertions, and can react to
 * progress lines as they come.
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
        lines.add("progress: " + line);
        onProgress.accept(line);
    }

    @Override
    public void warn(String line) {
        lines.add("warn: " + line);
    }

    @Override
    public void detail(String line) {
        lines.add("detail: " + line);
    }

    @Override
    public void output(String line) {
        lines.add("output: " + line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether any line contains {@code text}. */
    public boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    /** Every line, one per line of text. */
    public String text() {
        return String.join("\n", lines);
    }
}
