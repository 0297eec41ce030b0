package io.bakehouse.cli;

import io.bakehouse.engine.Durations;
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

final class PackerBuildCommand extends StepCommand {

    static final String NAME = "packer-build";

    @Override
    Model usage() {
        return Model.of(this, NAME,
                new String[] {"Bake an AMI with Packer: init (when needed), then build, which checks the template first;"
                + " streams Packer's output.",
                "Bakes once per input: an AMI tagged with the same bake key is reused unless --rebake."},
                new String[] {"", "Example:",
                "  bakehouse packer-build --template packer/bakehouse-app.pkr.hcl --only 'aws.*' \\",
                "      --var app_version=1.4.2 --var git_sha=9f1c2ab \\",
                "      --sensitive-var-env db_password=DB_PASSWORD --output json",
                "",
                "A secret never goes on the command line, where every process on the machine",
                "can read it: --sensitive-var-env names the environment variable that holds",
                "it, --sensitive-var-file the file.",
                "", ExitCodes.TABLE});
    }

    @Override
    void declare(Model m) {
        m.option("--template").label("FILE|DIR").description(Descriptions.PackerBuild.TEMPLATE).required()
                .string(() -> template, v -> template = v);
        m.option("--var").label("NAME=VALUE").description(Descriptions.PackerBuild.VAR).map(() -> vars, v -> vars = v);
        m.option("--sensitive-var-env").label("NAME=ENVVAR").description(Descriptions.PackerBuild.SENSITIVE_VAR_ENV)
                .map(() -> sensitiveVarEnvs, v -> sensitiveVarEnvs = v);
        m.option("--sensitive-var-file").label("NAME=FILE").description(Descriptions.PackerBuild.SENSITIVE_VAR_FILE)
                .map(() -> sensitiveVarFiles, v -> sensitiveVarFiles = v);
        m.option("--sensitive-var").label("NAME=VALUE").hidden()
                .list(() -> literalSensitiveVars, v -> literalSensitiveVars = v);
        m.option("--var-file").label("FILE").description(Descriptions.PackerBuild.VAR_FILE)
                .list(() -> varFiles, v -> varFiles = v);
        m.option("--only").label("BUILD").description(Descriptions.PackerBuild.ONLY).list(() -> only, v -> only = v);
        m.option("--except").label("BUILD").description(Descriptions.PackerBuild.EXCEPT)
                .list(() -> except, v -> except = v);
        m.option("--on-error").label("MODE").description(Descriptions.PackerBuild.ON_ERROR)
                .string(() -> onError, v -> onError = v);
        m.option("--force").description(Descriptions.PackerBuild.FORCE).flag(() -> force, v -> force = v);
        m.option("--working-dir").label("DIR").description(Descriptions.PackerBuild.WORKING_DIR)
                .string(() -> workingDir, v -> workingDir = v);
        m.option("--packer").label("PATH").description(Descriptions.PackerBuild.PACKER)
                .string(() -> packer, v -> packer = v);
        m.option("--rebake").description(Descriptions.PackerBuild.REBAKE).flag(() -> rebake, v -> rebake = v);
        m.option("--timeout").label("DURATION").description(Descriptions.PackerBuild.TIMEOUT)
                .string(() -> timeout, v -> timeout = v);
    }

    String template;

    Map<String, String> vars = new LinkedHashMap<>();

    Map<String, String> sensitiveVarEnvs = new LinkedHashMap<>();

    Map<String, String> sensitiveVarFiles = new LinkedHashMap<>();

    /** Refused: a value on the command line is readable by every process. Hidden; kept only to say so. */
    List<String> literalSensitiveVars = new ArrayList<>();

    List<String> varFiles = new ArrayList<>();

    List<String> only = new ArrayList<>();

    List<String> except = new ArrayList<>();

    String onError;

    boolean force;

    String workingDir;

    String packer;

    boolean rebake;

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
