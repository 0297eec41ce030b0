package io.bakehouse.engine.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A runner configuration kept in a versioned store (an SSM parameter) and re-read while the
 * process lives: a copy older than the time to live is fetched again, and parsed again only
 * when the store's version changed. Anything wrong with a newer version (it cannot be read,
 * or it is invalid) fails every request until it is fixed: the gatekeeper never carries on
 * with a configuration it knows to be out of date.
 */
public final class RefreshingRunnerConfig {

    /** One read of the store: the configuration's text and the version it has there. */
    public record Fetched(String text, long version) {
    }

    private final Supplier<Fetched> store;
    private final String source;
    private final Duration ttl;
    private final Clock clock;
    private RunnerConfig config;
    private long version;
    private Instant checkedAt;

    /**
     * @param store  reads the text and version (may throw; the error reaches the caller)
     * @param source names the store in messages, e.g. {@code SSM parameter /bakehouse/runner-config}
     * @param ttl    how long a checked copy is used without asking the store again ({@code 0} = every time)
     * @param clock  the time source
     */
    public RefreshingRunnerConfig(Supplier<Fetched> store, String source, Duration ttl, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.source = Objects.requireNonNull(source);
        this.ttl = ttl.isNegative() ? Duration.ZERO : ttl;
        this.clock = Objects.requireNonNull(clock);
    }

    /** The configuration as of at most the time to live ago. */
    public synchronized RunnerConfig get() {
        Instant now = clock.instant();
        if (config != null && checkedAt != null && now.isBefore(checkedAt.plus(ttl))) {
            return config;
        }
        checkedAt = null;
        Fetched fetched = store.get();
        if (config == null || fetched.version() != version) {
            RunnerConfig parsed = RunnerConfigLoader.parse(fetched.text(), source + " (version " + fetched.version() + ")");
            config = parsed;
            version = fetched.version();
        }
        checkedAt = now;
        return config;
    }

    /** The store's version of the configuration in use. */
    public synchronized long version() {
        return version;
    }
}
