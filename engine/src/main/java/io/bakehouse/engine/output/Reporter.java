package io.bakehouse.engine.output;

/**
 * Where the engine tells a person what it is doing. Each face renders it its own way (the
 * terminal's stderr, the Jenkins build log, the Lambda logger). Implementations must be
 * thread-safe. Secrets must already be masked before reaching it: wrap an implementation in
 * {@link MaskingReporter} whenever the engine holds a secret.
 */
public interface Reporter {

    /** A step of progress, shown to the user as it happens. */
    void progress(String line);

    /** Something the user should know that does not stop the work. */
    void warn(String line);

    /** Extra detail, shown only when the user asked for verbose output. */
    void detail(String line);

    /**
     * A line of a tool's own output (Packer's messages), shown as it is, without a prefix of ours. Faces that
     * print such lines differently from progress override it.
     */
    default void output(String line) {
        progress(line);
    }

    /** Discards everything. */
    Reporter SILENT = new Reporter() {
        @Override
        public void progress(String line) {
        }

        @Override
        public void warn(String line) {
        }

        @Override
        public void detail(String line) {
        }
    };
}
