package io.bakehouse.engine.aws;

import io.bakehouse.engine.concurrent.Beside;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A thread-safe memo of one value (a client, the trust manager): made once, on first use or by another thread. */
final class Lazy<T> {
    private final Supplier<T> factory;
    /** The work making the value elsewhere, when the memo adopted one; else {@code null}. */
    private final CompletableFuture<T> making;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this(factory, null);
    }

    private Lazy(Supplier<T> factory, CompletableFuture<T> making) {
        this.factory = factory;
        this.making = making;
    }

    /** The value another thread is making: {@link #get} waits for it. */
    static <T> Lazy<T> adopting(CompletableFuture<T> making) {
        return new Lazy<>(() -> Beside.join(making), making);
    }

    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }

    boolean isMade() {
        return value != null;
    }

    /** Runs {@code action} on the value if it has been made, or, if it is being made elsewhere, once it is. */
    void ifPresent(Consumer<T> action) {
        T v;
        synchronized (this) {
            v = value;
        }
        if (v != null) {
            action.accept(v);
        } else if (making != null) {
            making.thenAccept(action);
        }
    }
}
