package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.testkit.RecordingReporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** moto cannot invoke a Lambda function, so these tests answer through a fake Lambda client. */
public class LambdaStarterTest {

    private final RecordingReporter reporter = new RecordingReporter();
    private final List<InvokeRequest> sent = new ArrayList<>();

    private LambdaClient fakeLambda(UnaryOperator<String> function, String functionError) {
        return new LambdaClient() {
            @Override
            public InvokeResponse invoke(InvokeRequest request) {
                sent.add(request);
                String answer = function.apply(request.payload().asUtf8String());
                return InvokeResponse.builder().statusCode(200).functionError(functionError)
                        .payload(SdkBytes.fromString(answer, StandardCharsets.UTF_8)).build();
            }

            @Override
            public String serviceName() {
                return "lambda";
            }

            @Override
            public void close() {
            }
        };
    }

    private static final String STARTED = "{\"cluster\":\"c\",\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/c/abc\","
            + "\"containerName\":\"terraform\",\"logGroup\":\"/g\",\"logStream\":\"p/terraform/abc\",\"maxWaitTime\":\"1h\","
            + "\"archive\":{\"bucket\":\"logs-bucket\",\"prefix\":\"jobs\"}}";

    @Test
    public void start_fakeLambdaApproves_sendsTheRequestAndReadsTheTask() {
        LambdaStarter starter = new LambdaStarter(fakeLambda(payload -> STARTED, null), "deploy-runner-invoker", reporter);

        StartedTask task = starter.start(new RunRequest("terraform-planner", "plan", List.of("dev", "--", "x"), 1024, null, "ci"));

        String payload = sent.get(0).payload().asUtf8String();
        assertTrue(payload, payload.contains("\"args\": [\n    \"dev\",\n    \"--\",\n    \"x\"\n  ]"));
        assertEquals("deploy-runner-invoker", sent.get(0).functionName());
        assertEquals("abc", task.progress().taskId());
        assertEquals("p/terraform/abc", task.progress().logStream());
        assertEquals(java.time.Duration.ofHours(1), task.maxWaitTime());
        assertEquals("jobs/abc.log", task.archive().key("abc"));
    }

    @Test
    public void start_fakeLambdaRefuses_throwsTheRejection() {
        String refusal = "{\"rejected\":true,\"reason\":\"UNKNOWN_OPTION\",\"container\":\"packer\",\"script\":\"build\","
                + "\"option\":\"--exec\",\"value\":null,\"message\":\"option --exec is not allowed\"}";
        LambdaStarter starter = new LambdaStarter(fakeLambda(payload -> refusal, null), "f", reporter);

        RejectedException e = assertThrows(RejectedException.class,
                () -> starter.start(new RunRequest("packer", "build", List.of("--exec"), null, null, "ci")));

        assertEquals(Rejection.Reason.UNKNOWN_OPTION, e.rejection().reason());
        assertEquals("--exec", e.rejection().option());
        assertEquals(BakehouseException.Kind.USAGE, e.kind());
    }

    @Test
    public void start_fakeLambdaFunctionError_failsWithItsAnswer() {
        LambdaStarter starter = new LambdaStarter(fakeLambda(payload -> "{\"errorMessage\":\"boom\"}", "Unhandled"), "f", reporter);

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> starter.start(new RunRequest("a", "b", List.of(), null, null, "ci")));

        assertTrue(e.getMessage(), e.getMessage().contains("failed (Unhandled)"));
        assertTrue(e.getMessage(), e.getMessage().contains("boom"));
    }

    @Test
    public void describeContainers_fakeLambda_returnsItsAnswer() {
        LambdaStarter starter = new LambdaStarter(fakeLambda(payload -> payload.contains("describe-containers")
                ? "{\"containers\":{\"packer\":{}}}" : "{\"error\":\"wrong action\"}", null), "f", reporter);

        Map<String, Object> described = starter.describeContainers();

        assertTrue(described.toString(), ((Map<?, ?>) described.get("containers")).containsKey("packer"));
    }
}
