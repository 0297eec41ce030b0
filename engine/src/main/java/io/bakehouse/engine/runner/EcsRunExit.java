package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;

/**
 * The exit status of a run, as a tool that runs a command elsewhere reports it ({@code docker
 * run}, {@code ssh}): the container's own exit code passes through, and what happened instead
 * of a container exit has a code of its own at the top of the range, where containers rarely
 * exit (docker keeps 125–127 for itself the same way).
 *
 * <table>
 * <tr><td>0–255</td><td>the container's exit code (0 when {@code returnStatus} asks for the code in the result)</td></tr>
 * <tr><td>125</td><td>refused: the command line, an input or the gatekeeper said no, nothing was started; or
 * an unexpected error of the run itself</td></tr>
 * <tr><td>126</td><td>not run: the task could not be started, or ECS stopped it before its container ran</td></tr>
 * <tr><td>127</td><td>unfinished: the container's exit is unknown (the wait ran out, or following the task
 * failed); the task was stopped</td></tr>
 * <tr><td>130</td><td>interrupted (Ctrl-C, SIGTERM, an abort); the task was stopped</td></tr>
 * </table>
 *
 * A container can itself exit 125–127 or 130; the result ({@code --output json}) tells the two
 * apart, and with {@code returnStatus} a run whose container exited always exits 0.
 */
public final class EcsRunExit {

    /** The command line, an input or the gatekeeper refused the request (nothing was started), or the run itself broke. */
    public static final int REFUSED = 125;
    /** The task could not be started, or it stopped before its container ran. */
    public static final int NOT_RUN = 126;
    /** The task ran, but how its container ended is unknown: the wait ran out or could not go on; it was stopped. */
    public static final int UNFINISHED = 127;
    /** Ctrl-C, SIGTERM or an abort stopped the run (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;
    /** A container exit code outside 0–255 (a Windows container's) as a process exit status. */
    static final int OUT_OF_RANGE = 1;

    private EcsRunExit() {
    }

    /**
     * The exit status for a run whose container exited: its code, or 0 with {@code returnStatus}
     * (the code is then in the result). A code outside 0–255, which a process exit status cannot
     * carry (256 would read as 0), is 1.
     */
    public static int of(EcsRunResult result, boolean returnStatus) {
        if (returnStatus) {
            return 0;
        }
        int code = result.exitCode();
        return code >= 0 && code <= 255 ? code : OUT_OF_RANGE;
    }

    /**
     * The exit status for a run that failed before its container's exit was known.
     *
     * @param taskStarted whether a task had been started when {@code failure} happened
     */
    public static int of(Throwable failure, boolean taskStarted) {
        if (failure instanceof CancelledException
                || (failure instanceof TaskStoppedException stopped && stopped.cancelled())) {
            return INTERRUPTED;
        }
        if (failure instanceof BakehouseException e && e.kind() == BakehouseException.Kind.USAGE) {
            return REFUSED;
        }
        if (failure instanceof TaskWatcher.NeverRan) {
            return NOT_RUN;
        }
        if (failure instanceof BakehouseException) {
            return taskStarted ? UNFINISHED : NOT_RUN;
        }
        return REFUSED; // an unexpected error of ecs-run itself
    }

    /** What a container's non-zero exit means, one line, for a face that fails on it. */
    public static BakehouseException containerFailed(EcsRunResult result) {
        return BakehouseException.failure("task " + result.taskArn() + " exited with code " + result.exitCode()
                + (result.stoppedReason() == null ? "" : " (" + result.stoppedReason() + ")"),
                "its output is above and in " + result.logGroup() + " " + result.logStream()
                        + "; returnStatus: true returns the code instead of failing");
    }
}
