package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Asks the invoker Lambda to check and start tasks; CI needs only lambda:InvokeFunction. */
public final class LambdaStarter implements TaskStarter {

    private final LambdaClient lambda;
    private final String function;
    private final Reporter reporter;

    public LambdaStarter(LambdaClient lambda, String function, Reporter reporter) {
        this.lambda = lambda;
        this.function = function;
        this.reporter = reporter;
    }

    @Override
    public StartedTask start(RunRequest request) {
        reporter.progress("Asking " + function + " to run " + request.container() + " " + request.script());
        StartedTask task = InvokerProtocol.readStarted(invoke(InvokerProtocol.runRequest(request)));
        reporter.progress("Started " + request.container() + " " + request.script() + " as task "
                + task.progress().taskArn());
        return task;
    }

    @Override
    public Map<String, Object> describeContainers() {
        return InvokerProtocol.readDescription(invoke(InvokerProtocol.describeRequest()));
    }

    private String invoke(String payload) {
        InvokeResponse response;
        try {
            response = lambda.invoke(r -> r.functionName(function).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromString(payload, StandardCharsets.UTF_8)));
        } catch (SdkException e) {
            throw AwsErrors.translate("invoking the deploy runner function " + function, e);
        }
        String body = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw BakehouseException.failure("The deploy runner function " + function + " failed ("
                    + response.functionError() + "): " + Rejection.shorten(body),
                    "see the function's CloudWatch logs");
        }
        return body;
    }
}
