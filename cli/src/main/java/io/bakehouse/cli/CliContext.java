package io.bakehouse.cli;

import io.bakehouse.engine.output.Secrets;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a command runs in: its streams, its environment, the secrets seen so far, and a latch
 * that opens once the command's outcome (result or error) has been printed. Tests make their
 * own, so nothing a command does depends on the test JVM's environment.
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal, Secrets secrets,
                  CountDownLatch printed) {

    CliContext {
        env = Map.copyOf(env);
        String key = env.get("AWS_SECRET_ACCESS_KEY");
        secrets.add(key).add(env.get("AWS_SESSION_TOKEN"));
    }

    /**
     * For a shutdown hook that has cancelled the command's work: waits until the command has
     * finished and printed its outcome (a signal's shutdown halts the JVM as soon as the hooks
     * return), at most {@code seconds}.
     */
    void awaitPrinted(long seconds) {
        try {
            printed.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
