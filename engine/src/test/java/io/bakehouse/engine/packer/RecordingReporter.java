package io.bakehouse.engine.packer;

import io.bakehouse.engine.output.Reporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line the engine reports, each prefixed with its kind, for assertions. */
final class RecordingReporter implements Reporter {

    final List<String> lines = new CopyOnWriteArrayList<>();

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

    @Override
    public void output(String line) {
        lines.add("output: " + line);
    }

    String all() {
        return String.join("\n", lines);
    }
}
