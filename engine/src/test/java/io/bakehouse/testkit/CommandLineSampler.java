package io.bakehouse.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the command line of every process on the machine from {@code /proc/PID/cmdline}, over and over on a
 * thread of its own between {@link #start()} and {@link #stop()}, as another user of the machine could: what a
 * secret must never be part of. Keeps every distinct command line seen (NULs between the words shown as spaces).
 */
public final class CommandLineSampler {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread thread;

    public synchronized void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                sampleOnce();
            }
        }, "cmdline-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sampling after one more full pass. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        sampleOnce();
    }

    /** Every distinct command line seen so far, sorted. */
    public Set<String> seen() {
        return new TreeSet<>(seen);
    }

    /** One pass over every process. */
    public void sampleOnce() {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
                    if (raw.length > 0) {
                        seen.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
                    }
                } catch (IOException gone) {
                    // the process ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
