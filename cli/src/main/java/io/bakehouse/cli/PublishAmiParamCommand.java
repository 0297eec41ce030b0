package io.bakehouse.cli;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.ssm.AmiParameterPublisher;
import io.bakehouse.engine.ssm.PublishAmiParamRequest;
import io.bakehouse.engine.ssm.PublishAmiParamResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "publish-ami-param",
        addMethodSubcommands = false, // no method is a subcommand: picocli need not scan them
        description = {"Write an AMI ID to an SSM parameter (e.g. /DeploymentConfig/dev/App/AmiId).",
                "Checks the AMI exists and is available first; publishing the value the parameter"
                        + " already holds changes nothing."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footer = {"", "Example:",
                "  bakehouse publish-ami-param --name /DeploymentConfig/dev/App/AmiId \\",
                "      --ami-id ami-0123456789abcdef0 --label build-42 --output json",
                "", ExitCodes.TABLE})
final class PublishAmiParamCommand extends StepCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = Descriptions.PublishAmiParam.NAME)
    String name;

    @Option(names = "--ami-id", paramLabel = "AMI", description = Descriptions.PublishAmiParam.AMI_ID)
    String amiId;

    @Option(names = "--amis", paramLabel = "REGION=AMI,...",
            description = Descriptions.PublishAmiParam.AMIS)
    String amis;

    @Option(names = "--description", paramLabel = "TEXT", description = Descriptions.PublishAmiParam.DESCRIPTION)
    String description;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = Descriptions.PublishAmiParam.TAG)
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--tier", paramLabel = "TIER", description = Descriptions.PublishAmiParam.TIER)
    String tier;

    @Option(names = "--data-type", paramLabel = "TYPE", description = Descriptions.PublishAmiParam.DATA_TYPE)
    String dataType;

    @Option(names = "--label", paramLabel = "LABEL", description = Descriptions.PublishAmiParam.LABEL)
    List<String> labels = new ArrayList<>();

    @Option(names = "--no-overwrite", description = Descriptions.PublishAmiParam.NO_OVERWRITE)
    boolean noOverwrite;

    @Option(names = "--skip-image-check", description = Descriptions.PublishAmiParam.SKIP_IMAGE_CHECK)
    boolean skipImageCheck;

    @Option(names = "--force", description = Descriptions.PublishAmiParam.FORCE)
    boolean force;

    @Override
    int execute(CliContext context, AwsClients clients, Reporter reporter) {
        Map<String, String> byRegion = PublishAmiParamRequest.amisOf(amiId,
                amis == null ? null : PublishAmiParamRequest.parseAmis(amis));
        PublishAmiParamRequest request = new PublishAmiParamRequest(name, byRegion, description, tags, tier,
                dataType, labels, !noOverwrite, skipImageCheck, force);
        PublishAmiParamResult result = new AmiParameterPublisher(clients, reporter).publish(request);
        return print(context, result, summary(result));
    }

    static String summary(PublishAmiParamResult result) {
        StringBuilder text = new StringBuilder();
        for (PublishAmiParamResult.RegionResult r : result.regions()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(result.name()).append(" (").append(r.region()).append(") = ").append(r.amiId())
                    .append(", version ").append(r.version());
            text.append(r.changed()
                    ? (r.previousValue() == null ? " (new)" : " (was " + r.previousValue() + ")")
                    : " (unchanged)");
        }
        return text.toString();
    }
}
