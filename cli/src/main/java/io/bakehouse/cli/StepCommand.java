package io.bakehouse.cli;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand that runs one engine step: it takes the common options, gets clients and a
 * reporter, runs the step, and prints the result. Subclasses only translate their options
 * into an engine request and the result into a line of text.
 */
abstract class StepCommand implements Callable<Integer> {

    /** The {@code bakehouse} command this one runs under; set when it is registered. */
    Bakehouse root;

    final CommonOptions common = new CommonOptions();

    /** This command's name, description and footer. */
    abstract Model usage();

    /** Declares this command's own options. */
    abstract void declare(Model m);

    /** This command's picocli model: the common options, then its own, then help and version. */
    final CommandSpec model() {
        Model m = usage();
        common.declare(m);
        declare(m);
        return m.build();
    }

    @Override
    public final Integer call() {
        CliContext context = root.context();
        Reporter reporter = common.reporter(context);
        Integer local = executeLocally(context, reporter);
        if (local != null) {
            return local;
        }
        try (AwsClients clients = common.clients(context)) {
            return execute(context, clients, reporter);
        }
    }

    /**
     * Runs work that reads only local files, before any AWS client is made (so it needs no
     * region or credentials), and returns its exit code; {@code null} when the work needs AWS.
     */
    Integer executeLocally(CliContext context, Reporter reporter) {
        return null;
    }

    /** Runs the step; returns the exit code. Engine exceptions are rendered by the caller. */
    abstract int execute(CliContext context, AwsClients clients, Reporter reporter);

    /** The exit code for a bad command line (picocli's own checks). */
    int usageExitCode() {
        return ExitCodes.USAGE;
    }

    /** The exit code for {@code failure}, which {@link #execute} threw. */
    int exitCodeFor(Throwable failure) {
        if (failure instanceof CancelledException) {
            return ExitCodes.INTERRUPTED;
        }
        if (failure instanceof BakehouseException be && be.kind() == BakehouseException.Kind.USAGE) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    final int print(CliContext context, JsonValue result, String textSummary) {
        common.printResult(context, result, textSummary);
        return ExitCodes.OK;
    }
}
