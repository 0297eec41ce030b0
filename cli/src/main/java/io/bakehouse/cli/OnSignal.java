package io.bakehouse.cli;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a command's long work so that Ctrl-C or SIGTERM cancels it: a shutdown hook calls the
 * engine's cancel and then keeps the JVM alive until the command has finished and printed its
 * outcome (the root command prints a cancellation and exits 130), at most {@code wait}.
 */
final class OnSignal {

    private OnSignal() {
    }

    static <T> T cancelling(CliContext context, String name, Runnable cancel, Duration wait, Supplier<T> work) {
        Thread hook = new Thread(() -> {
            cancel.run();
            context.awaitPrinted(wait.toSeconds());
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has cancelled the work, which has now ended
            }
        }
    }
}
