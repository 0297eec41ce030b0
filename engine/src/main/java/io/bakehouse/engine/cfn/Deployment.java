package io.bakehouse.engine.cfn;

import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.output.MaskingReporter;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.output.Secrets;
import java.time.Duration;

/**
 * One call of {@link StackDeployer}, as every stage it goes through sees it: the request, the
 * token that stops it, when its time is up, and where its messages go. The reporter masks the
 * secrets the deployment learns on the way ({@code secrets} grows as parameters are resolved).
 *
 * @param deadline the {@link System#nanoTime()} by which the whole call is over
 * @param recovery what undoes the change set or the stack operation this deployment started
 */
record Deployment(CfnDeployRequest request, CancelToken cancel, long deadline, Secrets secrets, Reporter reporter,
                  StackWatcher watcher, Recovery recovery) {

    /** A deployment of {@code request} that starts now and may take up to {@code timeout}. */
    static Deployment start(CfnDeployRequest request, CancelToken cancel, Duration timeout,
                            StackDeployer.Settings settings) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Secrets secrets = new Secrets();
        Reporter reporter = new MaskingReporter(settings.reporter(), secrets);
        StackWatcher watcher = new StackWatcher(settings.api(), reporter, settings.schedule(), settings.checkpoint());
        return new Deployment(request, cancel, deadline, secrets, reporter, watcher,
                new Recovery(settings.api(), reporter, watcher, request.stack(), settings.settleTimeout()));
    }

    String stack() {
        return request.stack();
    }

    /** The time left, never less than a nanosecond (a wait given it still looks once). */
    Duration left() {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1));
    }

    boolean overdue() {
        return deadline - System.nanoTime() <= 0;
    }

    /** Fails with a {@link CancelledException} saying where the deployment was when it was cancelled. */
    void checkCancelled(String doing) {
        if (cancel.isCancelled()) {
            throw new CancelledException("Deployment of stack " + stack() + " was interrupted " + doing, null);
        }
    }
}
