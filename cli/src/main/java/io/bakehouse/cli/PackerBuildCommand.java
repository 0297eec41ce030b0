package io.bakehouse.cli;

import io.bakehouse.engine.Durations;
import java.time.Duration;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.packer.PackerBuildRequest;
import io.bakehouse.engine.packer.PackerBuildResult;
import io.bakehouse.engine.packer.PackerBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "packer-build",
        addMethodSubcommands = false, // no method is a subcommand: picocli need not scan them
        description = {"Bake an AMI with Packer: init (when needed), then build, which checks the template first;"
                + " streams Packer's output.",
                "Bakes once per input: an AMI tagged with the same bake key is reused unless --rebake."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footer = {"", "Example:",
                "  bakehouse packer-build --template packer/bakehouse-app.pkr.hcl --only 'aws.*' \\",
                "      --var app_version=1.4.2 --var git_sha=9f1c2ab \\",
                "      --sensitive-var-env db_password=DB_PASSWORD --output json",
                "",
                "A secret never goes on the command line, where every process on the machine",
                "can read it: --sensitive-var-env names the environment variable that holds",
                "it, --sensitive-var-file the file.",
                "", ExitCodes.TABLE})
final class PackerBuildCommand extends StepCommand {

    @Option(names = "--template", required = true, paramLabel = "FILE|DIR", description = Descriptions.PackerBuild.TEMPLATE)
    String template;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = Descriptions.PackerBuild.VAR)
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--sensitive-var-env", paramLabel = "NAME=ENVVAR",
            description = Descriptions.PackerBuild.SENSITIVE_VAR_ENV)
    Map<String, String> sensitiveVarEnvs = new LinkedHashMap<>();

    @Option(names = "--sensitive-var-file", paramLabel = "NAME=FILE",
            description = Descriptions.PackerBuild.SENSITIVE_VAR_FILE)
    Map<String, String> sensitiveVarFiles = new LinkedHashMap<>();

    /** Refused: a value on the command line is readable by every process. Hidden; kept only to say so. */
    @Option(names = "--sensitive-var", hidden = true, paramLabel = "NAME=VALUE")
    List<String> literalSensitiveVars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = Descriptions.PackerBuild.VAR_FILE)
    List<String> varFiles = new ArrayList<>();

    @Option(names = "--only", paramLabel = "BUILD", description = Descriptions.PackerBuild.ONLY)
    List<String> only = new ArrayList<>();

    @Option(names = "--except", paramLabel = "BUILD", description = Descriptions.PackerBuild.EXCEPT)
    List<String> except = new ArrayList<>();

    @Option(names = "--on-error", paramLabel = "MODE", description = Descriptions.PackerBuild.ON_ERROR)
    String onError;

    @Option(names = "--force", description = Descriptions.PackerBuild.FORCE)
    boolean force;

    @Option(names = "--working-dir", paramLabel = "DIR", description = Descriptions.PackerBuild.WORKING_DIR)
    String workingDir;

    @Option(names = "--packer", paramLabel = "PATH", description = Descriptions.PackerBuild.PACKER)
    String packer;

    @Option(names = "--rebake", description = Descriptions.PackerBuild.REBAKE)
    boolean rebake;

    @Option(names = "--timeout", paramLabel = "DURATION", description = Descriptions.PackerBuild.TIMEOUT)
    String timeout;

    @Override
    int execute(CliContext context, AwsClients clients, Reporter reporter) {
        if (!literalSensitiveVars.isEmpty()) {
            throw new InvalidInputException("--sensitive-var", "--sensitive-var is refused: a value on the command"
                    + " line can be read by every process on the machine",
                    "pass the secret with --sensitive-var-env NAME=ENVVAR or --sensitive-var-file NAME=FILE");
        }
        Map<String, String> sensitiveVars = SensitiveValues.read(sensitiveVarEnvs, sensitiveVarFiles, context.env(),
                Path.of(""));
        sensitiveVars.values().forEach(context.secrets()::add);
        PackerBuildRequest request = new PackerBuildRequest(template, vars, sensitiveVars, varFiles, only, except,
                onError, force, workingDir, packer, rebake,
                Durations.parse("timeout", timeout, PackerBuildRequest.DEFAULT_TIMEOUT));
        PackerBuilder builder = new PackerBuilder(clients, reporter);
        // Ctrl-C or SIGTERM: interrupt Packer so it cleans up, and wait for that.
        PackerBuildResult result = OnSignal.cancelling(context, "bakehouse-packer-cancel", builder::cancel,
                PackerBuilder.DEFAULT_GRACE.plusSeconds(30), () -> builder.build(request));
        return print(context, result, summary(result));
    }

    static String summary(PackerBuildResult result) {
        StringBuilder text = new StringBuilder(result.amiId());
        if (result.amis().size() > 1) {
            text.append(" (");
            result.amis().forEach((r, a) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ")
                    .append(r).append('=').append(a));
            text.append(')');
        }
        text.append(result.reused() ? " reused" : " baked").append(", bake key ").append(result.bakeKey());
        return text.toString();
    }
}
