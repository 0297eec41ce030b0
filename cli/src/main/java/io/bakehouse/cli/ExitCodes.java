package io.bakehouse.cli;

/** The exit codes of every bakehouse command (also in {@code --help} and the README). */
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

    private ExitCodes() {
    }
}
