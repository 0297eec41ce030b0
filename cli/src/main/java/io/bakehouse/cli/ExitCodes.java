package io.bakehouse.cli;

/** The exit codes of every bakehouse command (also in {@code --help} and docs/cli.md). */
public final class ExitCodes {

    /** The command did what was asked (including "nothing to change"). */
    public static final int OK = 0;
    /** The work failed: AWS refused, a check failed, a build or deployment failed. */
    public static final int FAILURE = 1;
    /** The command line or an input file is wrong; nothing was done. */
    public static final int USAGE = 2;
    /** Interrupted (Ctrl-C, SIGTERM); the work the command started was stopped. */
    public static final int INTERRUPTED = 130;

    static final String TABLE = "Exit codes:%n"
            + "  0    success (also when there was nothing to change)%n"
            + "  1    failure: AWS refused, a check failed, a build or deployment failed%n"
            + "  2    usage error: bad option or input; nothing was done%n"
            + "  130  interrupted; the work the command started was stopped%n";

    /**
     * ecs-run's table ({@link io.bakehouse.engine.runner.EcsRunExit}): like docker run, the
     * container's code passes through and ecs-run's own outcomes use 125-127 and 130.
     */
    static final String ECS_RUN_TABLE = "Exit codes (like docker run: the container's code passes through):%n"
            + "  0-255  the container's exit code (2 from a terraform plan means changes are pending)%n"
            + "         (with --return-status: 0 whenever the container exited; its code is in the result)%n"
            + "  125    refused: bad option or input, or the gatekeeper refused the request; nothing was started%n"
            + "  126    not run: the task could not be started, or ECS stopped it before its container ran%n"
            + "  127    unfinished: --max-wait-time ran out or following the task failed; the task was stopped%n"
            + "  130    interrupted (Ctrl-C, SIGTERM); the task was stopped%n"
            + "A container may itself exit 125-127 or 130: --output json prints the result (with exitCode)%n"
            + "only when the container exited, and --return-status leaves non-zero codes to ecs-run alone.%n";

    private ExitCodes() {
    }
}
