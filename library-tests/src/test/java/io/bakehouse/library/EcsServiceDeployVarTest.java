package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class EcsServiceDeployVarTest {

    private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void call_everyParameter_rendersEachAsItsCliOption() {
        library.call("ecsServiceDeploy", args("cluster", "app-prod", "service", "app",
                "image", REGISTRY + "/app:9f1c2ab", "timeout", "20m", "maxFindings", args("CRITICAL", 0, "HIGH", 2),
                "forceNewDeployment", true, "report", "reports/ecs-prod.html", "region", "us-east-1",
                "roleArn", "arn:aws:iam::1:role/deploy", "endpointUrl", "http://127.0.0.1:1"));
        assertEquals(List.of("ecs-service-deploy", "--cluster", "app-prod", "--service", "app",
                "--image", REGISTRY + "/app:9f1c2ab", "--timeout", "20m", "--max-findings", "CRITICAL=0,HIGH=2",
                "--force-new-deployment", "--report", "reports/ecs-prod.html", "--region", "us-east-1",
                "--role-arn", "arn:aws:iam::1:role/deploy", "--endpoint-url", "http://127.0.0.1:1", "--output", "json"), library.cli().onlyCall());
    }

    @Test
    public void call_images_rendersOneImagesOptionPerContainer() {
        // --image is the main container's option: a named container's image goes to --images, once per container
        library.call("ecsServiceDeploy", args("cluster", "c", "service", "s",
                "images", args("web", REGISTRY + "/app:v2", "log-router", "public.ecr.aws/fluent/fluent-bit:2.32")));
        assertEquals(List.of("ecs-service-deploy", "--cluster", "c", "--service", "s",
                "--images", "web=" + REGISTRY + "/app:v2", "--images", "log-router=public.ecr.aws/fluent/fluent-bit:2.32",
                "--output", "json"), library.cli().onlyCall());
    }

    @Test
    public void call_forceNewDeploymentFalseAndNullValues_renderNothing() {
        library.call("ecsServiceDeploy", args("cluster", "c", "service", "s", "image", "nginx:1.27",
                "forceNewDeployment", false, "maxFindings", null, "timeout", null));
        assertEquals(List.of("ecs-service-deploy", "--cluster", "c", "--service", "s", "--image", "nginx:1.27",
                "--output", "json"), library.cli().onlyCall());
    }

    @Test
    public void call_success_returnsTheCliJsonAsPlainSerialisableMap() throws IOException {
        library.cli().respond("ecs-service-deploy", "{\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:1:task-definition/app:8\","
                + "\"previousTaskDefinitionArn\":\"arn:aws:ecs:us-east-1:1:task-definition/app:7\","
                + "\"deploymentId\":\"ecs-svc/123\",\"rolloutState\":\"COMPLETED\",\"runningCount\":2,"
                + "\"images\":{\"web\":\"nginx:1.27\"},\"noChanges\":false}\n");
        Object result = library.call("ecsServiceDeploy", args("cluster", "c", "service", "s", "image", "nginx:1.27"));
        assertEquals(Map.of("taskDefinitionArn", "arn:aws:ecs:us-east-1:1:task-definition/app:8",
                "previousTaskDefinitionArn", "arn:aws:ecs:us-east-1:1:task-definition/app:7",
                "deploymentId", "ecs-svc/123", "rolloutState", "COMPLETED", "runningCount", 2,
                "images", Map.of("web", "nginx:1.27"), "noChanges", false), result);
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(result);
        }
    }

    @Test
    public void call_rolloutFailed_failsWithWhatExitCode1Means() {
        library.cli().exitWith("ecs-service-deploy", 1);
        assertEquals("ecsServiceDeploy: failed (bakehouse exit code 1): the reason is in the messages above",
                library.cliFailure("ecsServiceDeploy", args("cluster", "c", "service", "s", "image", "nginx:1.27")));
    }

    @Test
    public void call_bothImageAndImages_isTheEnginesToRefuse() {
        // "image or images" is the engine's rule: the CLI says it (exit 2, nothing done) and the step fails on that
        library.cli().exitWith("ecs-service-deploy", 2);
        String message = library.cliFailure("ecsServiceDeploy",
                args("cluster", "c", "service", "s", "image", "nginx:1.27", "images", args("web", "nginx:1.27")));
        assertTrue(message, message.startsWith("ecsServiceDeploy: the bakehouse CLI rejected the arguments (exit code 2"));
        List<String> call = library.cli().calls().get(0);
        assertTrue(call.toString(), call.contains("--image") && call.contains("--images"));
    }

    @Test
    public void call_missingService_fails() {
        assertTrue(library.failure("ecsServiceDeploy", args("cluster", "c", "image", "nginx:1.27"))
                .startsWith("ecsServiceDeploy: missing required parameter 'service'"));
    }

    @Test
    public void call_maxFindingsAsString_failsAsWrongType() {
        assertTrue(library.failure("ecsServiceDeploy",
                        args("cluster", "c", "service", "s", "image", "nginx:1.27", "maxFindings", "CRITICAL=0"))
                .contains("'maxFindings' must be a map"));
    }
}
