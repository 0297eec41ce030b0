package io.bakehouse.engine.packer;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.output.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One bake's Packer commands (init, build), sharing the environment, the deadline and the process. */
final class PackerRun {

    private final PackerProcess process;
    private final PackerBuildRequest request;
    private final Template template;
    private final PackerCommandLine commands;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Instant deadline;
    private final Reporter reporter;
    private final Secrets secrets;

    PackerRun(PackerProcess process, PackerBuildRequest request, Template template, PackerCommandLine commands,
              Map<String, String> env, Path workingDir, Instant deadline, Reporter reporter, Secrets secrets) {
        this.process = process;
        this.request = request;
        this.template = template;
        this.commands = commands;
        this.env = env;
        this.workingDir = workingDir;
        this.deadline = deadline;
        this.reporter = reporter;
        this.secrets = secrets;
    }

    void init(PackerBinary packer) {
        if (!packer.version().hasInit()) {
            reporter.warn("The template names required_plugins, but Packer " + packer.version()
                    + " has no `packer init` (it arrived in 1.7.0); building with the built-in plugins");
            return;
        }
        reporter.progress("packer init " + request.template());
        BuildOutput output = new BuildOutput(reporter);
        if (run("init", commands.init(), output) != 0) {
            throw BakehouseException.failure("packer init failed: " + firstError(output),
                    "check the template's required_plugins and that the plugin source is reachable");
        }
    }

    int build(BuildOutput output) {
        reporter.progress("packer build " + request.template() + " (timeout " + Durations.format(request.timeout())
                + ")");
        return run("build", commands.build(), output);
    }

    private int run(String what, List<String> command, BuildOutput output) {
        PackerProcess.Ended ended;
        try {
            ended = process.run(command, env, workingDir, output::stdout, output::stderr, deadline);
        } catch (IOException e) {
            throw BakehouseException.failure("Cannot start packer " + what + ": " + e.getMessage(),
                    PackerBinary.INSTALL_HINT, e);
        }
        switch (ended.outcome()) {
            case CANCELLED -> throw new BuildCancelledException("packer " + what + " was cancelled; Packer was"
                    + " interrupted to clean up and its processes are gone");
            case TIMED_OUT -> throw BakehouseException.failure("packer " + what + " did not finish within the timeout of "
                    + Durations.format(request.timeout()) + "; Packer was interrupted to clean up",
                    "raise timeout (--timeout), or look at the output above for the step that hung");
            default -> {
                return ended.exitCode();
            }
        }
    }

    private String firstError(BuildOutput output) {
        List<String> errors = output.errors();
        String first = errors.isEmpty() ? "no error message (see the output above)" : errors.get(0);
        return secrets.mask(oneLine(first));
    }

    static String hintFor(String error) {
        if (error.contains("Undefined -var variable") || error.contains("Unset variable")
                || error.contains("undefined variable")) {
            return "declare the variable in the template, or pass it with --var NAME=VALUE (vars)";
        }
        return "fix the template or its variables (Packer's messages are above)";
    }

    /** The first non-blank line of a message, shortened for a one-line error. */
    static String oneLine(String message) {
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message.strip());
        line = line.replaceFirst("^==> ", "");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
