package io.bakehouse.cli;

import io.bakehouse.engine.Version;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code bakehouse} command: each subcommand is one pipeline step. */
public final class Bakehouse implements Runnable {

    /** This command's model, set when its command line is made. */
    CommandSpec spec;

    private CliContext context;

    public static void main(String[] args) {
        // picocli's default factory otherwise looks for Groovy's Closure class on the class path when
        // first used: a search of the jar, which waits until its index is read (about 20 ms of a start).
        System.setProperty("picocli.disable.closures", "true");
        if (args.length > 0 && !args[0].startsWith("-")) {
            // A step: its HTTP client is built on a thread of its own while the command line is read.
            AwsClients.startHttpClient(AwsEnvironment.system().endpointUrl(endpointOption(args)));
        }
        boolean terminal = System.console() != null;
        int code = run(args, System.out, System.err, System.getenv(), terminal);
        System.exit(code);
    }

    /**
     * The {@code --endpoint-url} a step's command line gives, read before picocli reads the line:
     * a hint for the HTTP client made meanwhile, which the clients check against the endpoint they
     * resolve.
     */
    static String endpointOption(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--endpoint-url") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--endpoint-url=")) {
                return args[i].substring("--endpoint-url=".length());
            }
        }
        return null;
    }

    /** Runs a command line as the real entry point does; tests call this. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, false);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        Bakehouse root = new Bakehouse();
        root.context = new CliContext(out, err, env, terminal, new Secrets(), new CountDownLatch(1));
        CommandLine cmd = commandLine(root, args);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler(Bakehouse::usageError);
        cmd.setExecutionExceptionHandler((ex, command, parseResult) -> root.failed(ex, command));
        try {
            return cmd.execute(args);
        } finally {
            root.context.printed().countDown();
        }
    }

    /** The command with every step registered, as {@code --help} lists them: for tests and tools that read the options. */
    public static CommandLine withEveryStep() {
        return commandLine(new Bakehouse());
    }

    /** The step commands by name, in the order {@code --help} lists them. */
    private static final Map<String, Supplier<StepCommand>> STEPS = steps();

    private static Map<String, Supplier<StepCommand>> steps() {
        Map<String, Supplier<StepCommand>> steps = new LinkedHashMap<>();
        steps.put(PublishAmiParamCommand.NAME, PublishAmiParamCommand::new);
        steps.put(PackerBuildCommand.NAME, PackerBuildCommand::new);
        steps.put(CfnDeployCommand.NAME, CfnDeployCommand::new);
        steps.put(EcsRunCommand.NAME, EcsRunCommand::new);
        steps.put(EcsServiceDeployCommand.NAME, EcsServiceDeployCommand::new);
        steps.put(PublishSiteCommand.NAME, PublishSiteCommand::new);
        return steps;
    }

    /**
     * The command line with the step {@code args} names, or with every step when they name none (help, a
     * typo). A command's model is built in code ({@link Model}), and only for the steps registered.
     */
    static CommandLine commandLine(Bakehouse root, String... args) {
        CommandLine cmd = new CommandLine(root.model());
        root.spec = cmd.getCommandSpec();
        String named = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
        Supplier<StepCommand> step = named == null ? null : STEPS.get(named);
        if (step != null) {
            add(cmd, root, step.get());
        } else {
            STEPS.values().forEach(each -> add(cmd, root, each.get()));
        }
        return cmd;
    }

    private static void add(CommandLine cmd, Bakehouse root, StepCommand command) {
        command.root = root;
        CommandSpec model = command.model();
        cmd.addSubcommand(model.name(), new CommandLine(model));
    }

    private CommandSpec model() {
        return Model.of(this, "bakehouse",
                new String[] {"Bake, publish and deploy EC2 AMIs and ECS services, and publish static sites: the"
                        + " Bakehouse pipeline steps for any CI."},
                new String[] {"", ExitCodes.TABLE,
                        "ecs-run exits with its container's code instead (see 'bakehouse ecs-run --help').",
                        "Run 'bakehouse COMMAND --help' for a command's options."})
                .version(new VersionProvider())
                .build();
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
        err.println("error: " + (message.startsWith("Error: ") ? message.substring(7) : message));
        err.println("usage: " + cmd.getHelp().synopsis(0).trim());
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
        return cmd.getCommand() instanceof StepCommand step ? step.usageExitCode() : ExitCodes.USAGE;
    }

    private int failed(Exception ex, CommandLine command) {
        Secrets secrets = context.secrets();
        Console console = consoleOf(command);
        if (ex instanceof BakehouseException be) {
            console.error(secrets.mask(be.getMessage()));
            if (be.hint() != null) {
                console.hint(secrets.mask(be.hint()));
            }
            String option = be instanceof InvalidInputException invalid ? optionFor(command, invalid.field()) : null;
            if (option != null) {
                console.hint("the parameter is " + option + " here (bakehouse " + command.getCommandName() + " --help)");
            }
            if (console.verbose() && be.getCause() != null) {
                context.err().println(secrets.mask(stackTrace(be.getCause())));
            }
            return exitCodeFor(command, be);
        }
        console.error(secrets.mask("unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage()));
        if (console.verbose()) {
            context.err().println(secrets.mask(stackTrace(ex)));
        } else {
            console.hint("run again with --verbose for the stack trace");
        }
        return exitCodeFor(command, ex);
    }

    /**
     * The command's option for an engine parameter name ({@code amiId} is {@code --ami-id}), or
     * null: the engine's words name parameters as the steps do; this says which option that is.
     */
    static String optionFor(CommandLine command, String field) {
        if (field == null || field.isEmpty() || field.startsWith("-")) {
            return null;
        }
        String option = "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return command.getCommandSpec().findOption(option) != null ? option : null;
    }

    private static int exitCodeFor(CommandLine command, Exception ex) {
        return command.getCommand() instanceof StepCommand step ? step.exitCodeFor(ex) : ExitCodes.FAILURE;
    }

    private Console consoleOf(CommandLine command) {
        Object user = command.getCommand();
        if (user instanceof StepCommand step) {
            return step.common.console(context);
        }
        return new Console(context.err(), false, false);
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** Prints the version stamped in at build time. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bakehouse " + Version.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
