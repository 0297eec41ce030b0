package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/** The process supervision, with shell scripts standing in for Packer (the same process API). */
public class PackerProcessTest {

    private final List<String> out = new CopyOnWriteArrayList<>();
    private static final Map<String, String> ENV = Map.of("PATH", System.getenv("PATH"));
    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"));

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @Test
    public void run_exitsNormally_linesAndExitCode() throws Exception {
        PackerProcess.Ended ended = new PackerProcess(Duration.ofSeconds(5)).run(sh("echo one; echo two >&2; exit 3"),
                ENV, DIR, out::add, out::add, Instant.now().plusSeconds(30));

        assertEquals(PackerProcess.Outcome.EXITED, ended.outcome());
        assertEquals(3, ended.exitCode());
        assertTrue(out.containsAll(List.of("one", "two")));
    }

    @Test
    public void cancel_scriptCleansUpOnSigint_getsToFinishItsCleanup() throws Exception {
        PackerProcess process = new PackerProcess(Duration.ofSeconds(20));
        AtomicReference<PackerProcess.Ended> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                ended.set(process.run(sh("trap 'echo cleaning up; exit 1' INT; echo started; "
                        + "while true; do sleep 0.1; done"), ENV, DIR, out::add, out::add, Instant.now().plusSeconds(60)));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        awaitLine("started");

        process.cancel();
        t.join(20_000);

        assertEquals(PackerProcess.Outcome.CANCELLED, ended.get().outcome());
        assertTrue(out.toString(), out.contains("cleaning up"));
    }

    @Test
    public void cancel_treeIgnoresSigint_killedAfterGrace_noDescendantLeft() throws Exception {
        PackerProcess process = new PackerProcess(Duration.ofSeconds(2));
        AtomicReference<PackerProcess.Ended> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                ended.set(process.run(sh("trap '' INT; (trap '' INT; sleep 300) & echo started; wait"),
                        ENV, DIR, out::add, out::add, Instant.now().plusSeconds(60)));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        awaitLine("started");
        List<ProcessHandle> tree = process.handle().descendants().toList();
        assertFalse(tree.isEmpty());

        process.cancel();
        t.join(30_000);

        assertEquals(PackerProcess.Outcome.CANCELLED, ended.get().outcome());
        for (ProcessHandle h : tree) {
            assertFalse("still running: " + h.pid(), h.isAlive());
        }
    }

    @Test
    public void run_deadlinePassed_timedOut() throws Exception {
        PackerProcess.Ended ended = new PackerProcess(Duration.ofSeconds(5)).run(sh("sleep 60"), ENV, DIR,
                out::add, out::add, Instant.now().plusMillis(500));

        assertEquals(PackerProcess.Outcome.TIMED_OUT, ended.outcome());
    }

    @Test
    public void run_afterCancel_neverStarts() throws Exception {
        PackerProcess process = new PackerProcess(Duration.ofSeconds(5));
        process.cancel();

        PackerProcess.Ended ended = process.run(sh("echo ran"), ENV, DIR, out::add, out::add,
                Instant.now().plusSeconds(30));

        assertEquals(PackerProcess.Outcome.CANCELLED, ended.outcome());
        assertTrue(out.isEmpty());
    }

    private void awaitLine(String line) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (!out.contains(line) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertTrue("never printed " + line, out.contains(line));
    }
}
