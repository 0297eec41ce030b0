package io.bakehouse.engine.packer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one Packer command and owns its process tree. Output lines go to the consumers as they come. When
 * the run is cancelled or its deadline passes, Packer gets an interrupt (SIGINT, as Ctrl-C would send) so
 * it can delete what it created (instance, key pair, security group); whatever of its tree still runs after
 * the grace period is killed. One instance runs commands one after another; {@link #cancel()} may be called
 * from any thread, before, during or between them.
 */
final class PackerProcess {

    /** How a command ended. */
    enum Outcome { EXITED, TIMED_OUT, CANCELLED }

    /** The exit code (meaningless unless {@link Outcome#EXITED}) and how it ended. */
    record Ended(int exitCode, Outcome outcome) {
    }

    private static final long POLL_MS = 100;
    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(5);

    private final Duration grace;
    private volatile boolean cancelled;
    private volatile Process current;

    PackerProcess(Duration grace) {
        this.grace = grace;
    }

    /** Asks the running command (and any later one) to stop; returns at once. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** The running process, or {@code null}. */
    ProcessHandle handle() {
        Process p = current;
        return p == null ? null : p.toHandle();
    }

    Ended run(List<String> command, Map<String, String> env, Path dir, Consumer<String> stdout,
              Consumer<String> stderr, Instant deadline) throws IOException {
        if (cancelled) {
            return new Ended(-1, Outcome.CANCELLED);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        current = process;
        process.getOutputStream().close();
        Thread out = pump(process.getInputStream(), stdout, "packer-stdout");
        Thread err = pump(process.getErrorStream(), stderr, "packer-stderr");
        try {
            Outcome outcome = supervise(process, deadline);
            join(out);
            join(err);
            return new Ended(process.exitValue(), outcome);
        } finally {
            current = null;
        }
    }

    private Outcome supervise(Process process, Instant deadline) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        Outcome outcome = Outcome.EXITED;
        Instant killAt = null;
        boolean threadInterrupted = false;
        while (process.isAlive()) {
            if (killAt == null && (cancelled || Instant.now().isAfter(deadline))) {
                outcome = cancelled ? Outcome.CANCELLED : Outcome.TIMED_OUT;
                tree.addAll(descendants(process));
                interrupt(process);
                killAt = Instant.now().plus(grace);
            }
            if (killAt != null && Instant.now().isAfter(killAt)) {
                tree.addAll(descendants(process));
                kill(process, tree);
                break;
            }
            try {
                process.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                threadInterrupted = true; // the caller's thread was interrupted: stop Packer the same way
                cancelled = true;
            }
        }
        if (killAt != null) {
            killLeftovers(tree);
        }
        awaitExit(process);
        if (threadInterrupted) {
            Thread.currentThread().interrupt();
        }
        return outcome;
    }

    private static List<ProcessHandle> descendants(Process process) {
        return process.descendants().toList();
    }

    /**
     * SIGINT to Packer and every process under it, as a terminal's Ctrl-C reaches the whole
     * foreground process group: Packer runs its real work in a child of a wrapper process that
     * ignores SIGINT itself, so signalling the top process alone may never reach it. SIGTERM
     * (which Packer treats alike) if kill is missing.
     */
    private static void interrupt(Process process) {
        List<String> command = new ArrayList<>(List.of("kill", "-INT", String.valueOf(process.pid())));
        for (ProcessHandle child : descendants(process)) {
            command.add(String.valueOf(child.pid()));
        }
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            // kill exits non-zero when a process ended meanwhile; the others were still signalled.
            if (kill.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // no kill command: fall back to SIGTERM below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }

    private static void kill(Process process, Set<ProcessHandle> tree) {
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
        process.destroyForcibly();
    }

    /** Packer's plugin processes outlive an interrupted Packer only briefly; whatever is left is killed. */
    private static void killLeftovers(Set<ProcessHandle> tree) {
        Instant until = Instant.now().plus(LEFTOVER_WAIT);
        for (ProcessHandle h : tree) {
            while (h.isAlive() && Instant.now().isBefore(until)) {
                sleep();
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    private static void awaitExit(Process process) {
        try {
            if (!process.waitFor(LEFTOVER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(LEFTOVER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException closed) {
                // the process ended or was killed; what was read has been passed on
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(LEFTOVER_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
