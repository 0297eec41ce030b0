package io.bakehouse.engine.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one task per item on a few threads of its own, as {@code aws s3 sync} does: S3 answers each
 * request in tens of milliseconds, so a site of thousands of files goes up several times faster than
 * one request at a time. The threads stop taking items at the first failure or when {@code stopped}
 * says so; the tasks already running finish.
 */
final class Workers {

    /** Requests in flight at once: as many as {@code aws s3 sync} makes by default. */
    static final int THREADS = 10;

    /**
     * How a run ended.
     *
     * @param done     the items whose task finished, in the order they finished
     * @param failure  the first task's exception, or {@code null}
     * @param failed   the item of that task, or {@code null}
     */
    record Outcome<T>(List<T> done, RuntimeException failure, T failed) {

        boolean complete(int of) {
            return failure == null && done.size() == of;
        }
    }

    private Workers() {
    }

    private static <T> void fail(AtomicReference<RuntimeException> failure, AtomicReference<T> failed, T item,
                                 RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
            failed.set(item);
        }
    }

    /**
     * Runs {@code task} for each of {@code items}, at most {@link #THREADS} at once. If the calling thread
     * is interrupted, {@code onInterrupt} runs (to stop the work) and the call still waits for the running
     * tasks, then returns with the interrupt flag set.
     */
    static <T> Outcome<T> run(List<T> items, BooleanSupplier stopped, Runnable onInterrupt, Consumer<T> task) {
        List<T> done = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<T> failed = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            while (failure.get() == null && !stopped.getAsBoolean()) {
                int i = next.getAndIncrement();
                if (i >= items.size()) {
                    return;
                }
                T item = items.get(i);
                try {
                    task.accept(item);
                    done.add(item);
                } catch (RuntimeException e) {
                    fail(failure, failed, item, e);
                } catch (Error e) {
                    fail(failure, failed, item, new IllegalStateException(e.toString(), e));
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(THREADS, items.size()); t++) {
            Thread thread = new Thread(worker, "bakehouse-site-" + t);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    onInterrupt.run();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Outcome<>(List.copyOf(done), failure.get(), failed.get());
    }
}
