package io.bakehouse.cli;

import io.bakehouse.engine.output.Reporter;
import java.io.PrintStream;

/**
 * The terminal face of the engine's {@link Reporter}: every message goes to stderr (stdout is
 * kept for the result), coloured when stderr is a terminal and colour is not turned off.
 */
final class Console implements Reporter {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String DIM = "\u001b[2m";

    private final PrintStream err;
    private final boolean color;
    private final boolean verbose;

    Console(PrintStream err, boolean color, boolean verbose) {
        this.err = err;
        this.color = color;
        this.verbose = verbose;
    }

    @Override
    public void progress(String line) {
        print(BOLD, "==> ", line);
    }

    @Override
    public void warn(String line) {
        print(YELLOW, "warning: ", line);
    }

    @Override
    public void detail(String line) {
        if (verbose) {
            print(DIM, "    ", line);
        }
    }

    @Override
    public void output(String line) {
        synchronized (err) {
            err.println(line);
        }
    }

    void error(String line) {
        print(RED, "error: ", line);
    }

    void hint(String line) {
        print(DIM, "  hint: ", line);
    }

    boolean verbose() {
        return verbose;
    }

    private void print(String style, String prefix, String line) {
        synchronized (err) {
            err.println(color ? style + prefix + line + RESET : prefix + line);
        }
    }
}
