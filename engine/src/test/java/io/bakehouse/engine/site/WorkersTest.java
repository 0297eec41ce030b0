package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.Test;

public class WorkersTest {

    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    public void run_doesEveryItem_onSeveralThreadsAtOnce() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        Workers.Outcome<Integer> outcome = Workers.run(HUNDRED, () -> false, () -> { }, i -> {
            threads.add(Thread.currentThread().getName());
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(5);
            running.decrementAndGet();
        });

        assertTrue(outcome.complete(100));
        assertEquals(Set.copyOf(HUNDRED), Set.copyOf(outcome.done()));
        assertTrue(String.valueOf(most.get()), most.get() > 1 && most.get() <= Workers.THREADS);
        assertTrue(threads.toString(), threads.size() > 1);
    }

    @Test
    public void run_stopsTakingItems_atTheFirstFailure() {
        RuntimeException boom = new IllegalStateException("boom");

        Workers.Outcome<Integer> outcome = Workers.run(HUNDRED, () -> false, () -> { }, i -> {
            if (i == 5) {
                throw boom;
            }
            sleep(5);
        });

        assertSame(boom, outcome.failure());
        assertEquals(Integer.valueOf(5), outcome.failed());
        assertTrue(String.valueOf(outcome.done().size()), outcome.done().size() < 30);
    }

    @Test
    public void anErrorInATask_isAFailureToo_notALostItem() {
        Workers.Outcome<Integer> outcome = Workers.run(List.of(1), () -> false, () -> { }, i -> {
            throw new AssertionError("broken");
        });

        assertEquals("java.lang.AssertionError: broken", outcome.failure().getMessage());
        assertEquals(Integer.valueOf(1), outcome.failed());
    }

    @Test
    public void run_stopsTakingItems_whenStopped_andFinishesThoseStarted() {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();

        Workers.Outcome<Integer> outcome = Workers.run(HUNDRED, stop::get, () -> { }, i -> {
            if (started.incrementAndGet() == 3) {
                stop.set(true);
            }
            sleep(5);
        });

        assertNull(outcome.failure());
        assertEquals(started.get(), outcome.done().size());
        assertTrue(String.valueOf(started.get()), started.get() <= Workers.THREADS + 3);
    }

    @Test
    public void anInterruptOfTheCaller_runsOnInterrupt_waitsForTheRunningTasks_andKeepsTheFlag() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        Workers.Outcome<?>[] outcome = new Workers.Outcome<?>[1];
        boolean[] flag = new boolean[1];
        Thread caller = new Thread(() -> {
            outcome[0] = Workers.run(HUNDRED, stop::get, () -> stop.set(true), i -> {
                running.countDown();
                sleep(50);
            });
            flag[0] = Thread.currentThread().isInterrupted();
        });
        caller.start();
        assertTrue(running.await(5, TimeUnit.SECONDS));

        caller.interrupt();
        caller.join(5000);

        assertTrue(stop.get());
        assertTrue(flag[0]);
        assertTrue(outcome[0].done().size() < 100);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
