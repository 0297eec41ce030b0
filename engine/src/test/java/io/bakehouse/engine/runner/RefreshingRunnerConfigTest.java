package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.testkit.RunnerFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class RefreshingRunnerConfigTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RefreshingRunnerConfig.Fetched stored =
            new RefreshingRunnerConfig.Fetched(RunnerFixtures.configText("subnet-0a1b2c3d", "sg-0a1b2c3d"), 1);

    private volatile boolean unreadable;

    private RefreshingRunnerConfig config(Duration ttl) {
        return new RefreshingRunnerConfig(() -> {
            reads.incrementAndGet();
            if (unreadable) {
                throw new IllegalStateException("throttled");
            }
            return stored;
        }, "SSM parameter /p", ttl, clock);
    }

    private static String withoutPlanner(String text) {
        return text.substring(0, text.indexOf("  terraform-planner:"));
    }

    @Test
    public void get_withinTheTtl_usesTheCopyWithoutAskingTheStore() {
        RefreshingRunnerConfig c = config(Duration.ofSeconds(30));
        RunnerConfig first = c.get();
        clock.advance(Duration.ofSeconds(29));
        assertSame(first, c.get());
        assertEquals(1, reads.get());
    }

    @Test
    public void get_afterTheTtl_asksTheStoreAndParsesOnlyANewVersion() {
        RefreshingRunnerConfig c = config(Duration.ofSeconds(30));
        RunnerConfig first = c.get();
        clock.advance(Duration.ofSeconds(30));
        assertSame("same version: the parsed copy is kept", first, c.get());
        assertEquals(2, reads.get());

        stored = new RefreshingRunnerConfig.Fetched(withoutPlanner(stored.text()), 2);
        clock.advance(Duration.ofSeconds(30));
        RunnerConfig second = c.get();
        assertNotSame(first, second);
        assertEquals(2, c.version());
        assertTrue(second.containers().get("terraform-planner") == null);
    }

    @Test
    public void get_zeroTtl_asksTheStoreEveryTime() {
        RefreshingRunnerConfig c = config(Duration.ZERO);
        c.get();
        c.get();
        c.get();
        assertEquals(3, reads.get());
    }

    @Test
    public void get_invalidNewVersion_failsEveryRequestUntilFixed() {
        RefreshingRunnerConfig c = config(Duration.ofSeconds(30));
        c.get();
        String good = stored.text();
        stored = new RefreshingRunnerConfig.Fetched("cluster: [", 2);
        clock.advance(Duration.ofMinutes(1));
        String m = assertThrows(InvalidInputException.class, c::get).getMessage();
        assertTrue(m, m.contains("SSM parameter /p (version 2)"));
        assertThrows("no fallback to the old version", InvalidInputException.class, c::get);

        stored = new RefreshingRunnerConfig.Fetched(good, 3);
        assertEquals("deploy-runner", c.get().cluster());
        assertEquals(3, c.version());
    }

    @Test
    public void get_newVersionIsAnUnfilledTemplate_runsNothingFromIt() {
        RefreshingRunnerConfig c = config(Duration.ofSeconds(30));
        c.get();
        stored = new RefreshingRunnerConfig.Fetched(RunnerFixtures.configText("${SUBNET}", "${SECURITY_GROUP}"), 2);
        clock.advance(Duration.ofMinutes(1));

        String m = assertThrows(InvalidInputException.class, c::get).getMessage();
        assertTrue(m, m.contains("SSM parameter /p (version 2) is a template: ${SUBNET}, ${SECURITY_GROUP} are not filled in"));
        assertThrows("no fallback to the old version", InvalidInputException.class, c::get);
    }

    @Test
    public void get_storeUnreadable_failsRatherThanUsingAnOutOfDateCopy() {
        RefreshingRunnerConfig c = config(Duration.ofSeconds(30));
        RunnerConfig first = c.get();
        unreadable = true;
        clock.advance(Duration.ofSeconds(31));
        assertThrows(IllegalStateException.class, c::get);
        assertThrows(IllegalStateException.class, c::get);
        unreadable = false;
        assertSame(first, c.get());
    }
}
