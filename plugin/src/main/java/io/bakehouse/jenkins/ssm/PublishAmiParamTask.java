package io.bakehouse.jenkins.ssm;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.ssm.AmiParameterPublisher;
import io.bakehouse.engine.ssm.PublishAmiParamRequest;
import io.bakehouse.engine.ssm.PublishAmiParamResult;
import io.bakehouse.jenkins.AgentTask;
import java.io.File;

/** {@code publishAmiParam} on the agent: the engine's publisher with a validated request. */
public record PublishAmiParamTask(PublishAmiParamRequest request) implements AgentTask<PublishAmiParamResult> {

    private static final long serialVersionUID = 1L;

    @Override
    public PublishAmiParamResult run(AwsClients clients, Reporter reporter, File workspace) {
        return new AmiParameterPublisher(clients, reporter).publish(request);
    }
}
