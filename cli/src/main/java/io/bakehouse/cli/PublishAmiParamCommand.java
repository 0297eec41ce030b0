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

final class PublishAmiParamCommand extends StepCommand {

    static final String NAME = "publish-ami-param";

    @Override
    Model usage() {
        return Model.of(this, NAME,
                new String[] {"Write an AMI ID to an SSM parameter (e.g. /DeploymentConfig/dev/App/AmiId).",
                "Checks the AMI exists and is available first; publishing the value the parameter"
                        + " already holds changes nothing."},
                new String[] {"", "Example:",
                "  bakehouse publish-ami-param --name /DeploymentConfig/dev/App/AmiId \\",
                "      --ami-id ami-0123456789abcdef0 --label build-42 --output json",
                "", ExitCodes.TABLE});
    }

    @Override
    void declare(Model m) {
        m.option("--name").label("NAME").description(Descriptions.PublishAmiParam.NAME).required()
                .string(() -> name, v -> name = v);
        m.option("--ami-id").label("AMI").description(Descriptions.PublishAmiParam.AMI_ID)
                .string(() -> amiId, v -> amiId = v);
        m.option("--amis").label("REGION=AMI,...").description(Descriptions.PublishAmiParam.AMIS)
                .string(() -> amis, v -> amis = v);
        m.option("--description").label("TEXT").description(Descriptions.PublishAmiParam.DESCRIPTION)
                .string(() -> description, v -> description = v);
        m.option("--tag").label("KEY=VALUE").description(Descriptions.PublishAmiParam.TAG)
                .map(() -> tags, v -> tags = v);
        m.option("--tier").label("TIER").description(Descriptions.PublishAmiParam.TIER)
                .string(() -> tier, v -> tier = v);
        m.option("--data-type").label("TYPE").description(Descriptions.PublishAmiParam.DATA_TYPE)
                .string(() -> dataType, v -> dataType = v);
        m.option("--label").label("LABEL").description(Descriptions.PublishAmiParam.LABEL)
                .list(() -> labels, v -> labels = v);
        m.option("--no-overwrite").description(Descriptions.PublishAmiParam.NO_OVERWRITE)
                .flag(() -> noOverwrite, v -> noOverwrite = v);
        m.option("--skip-image-check").description(Descriptions.PublishAmiParam.SKIP_IMAGE_CHECK)
                .flag(() -> skipImageCheck, v -> skipImageCheck = v);
        m.option("--force").description(Descriptions.PublishAmiParam.FORCE).flag(() -> force, v -> force = v);
    }

    String name;

    String amiId;

    String amis;

    String description;

    Map<String, String> tags = new LinkedHashMap<>();

    String tier;

    String dataType;

    List<String> labels = new ArrayList<>();

    boolean noOverwrite;

    boolean skipImageCheck;

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
