package io.bakehouse.engine.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work that runs beside the caller's thread: an independent read started now and joined when
 * its answer is needed, so two round trips cost one. Each runs on a daemon thread of its own
 * (there are a handful per command), so it never holds the process at exit.
 */
public final class Beside {

    private Beside() {
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, command -> {
            Thread t = new Thread(command, name);
            t.setDaemon(true);
            t.start();
        });
    }

    /** The work's answer, or the unchecked exception it threw, as it threw it. */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
