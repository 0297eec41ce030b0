package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.RunnerFixtures;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

public class InvokerServiceTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private AwsClients clients;
    private InvokerService service;
    private final RecordingReporter reporter = new RecordingReporter();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        RunnerConfig config = RunnerConfigLoader.parse(RunnerFixtures.createRunnerResources(clients), "t");
        service = new InvokerService(config, clients.ecs(), reporter);
    }

    private JsonNode handle(String json) throws Exception {
        return Json.mapper().readTree(service.handle(json));
    }

    @Test
    public void handle_allowedRun_launchesTaskAndAnswersWhereItsLogsAre() throws Exception {
        JsonNode answer = handle("{\"action\":\"run\",\"container\":\"terraform-planner\",\"script\":\"plan\","
                + "\"args\":[\"dev\"],\"cpu\":512,\"memory\":1024,\"requestedBy\":\"ci\"}");

        String taskArn = answer.get("taskArn").asText();
        assertEquals(1, clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().size());
        assertEquals(RunnerFixtures.LOG_GROUP, answer.get("logGroup").asText());
        assertEquals("runner/terraform/" + taskArn.substring(taskArn.lastIndexOf('/') + 1), answer.get("logStream").asText());
        assertEquals("30m", answer.get("maxWaitTime").asText());
        assertTrue(reporter.contains("Request from ci: terraform-planner plan 1 argument(s)"));
    }

    @Test
    public void handle_refusedRun_answersTheRejectionAndLaunchesNothing() throws Exception {
        JsonNode answer = handle("{\"container\":\"terraform-planner\",\"script\":\"plan\",\"args\":[\"$(id)\"]}");

        assertTrue(answer.get("rejected").asBoolean());
        assertEquals("VALUE_NOT_ALLOWED", answer.get("reason").asText());
        assertEquals("$(id)", answer.get("value").asText());
        assertEquals(0, clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().size());
    }

    @Test
    public void handle_describeContainers_listsContainersScriptsAndOptions() throws Exception {
        JsonNode answer = handle("{\"action\":\"describe-containers\"}");

        JsonNode build = answer.at("/containers/packer/scripts/build-packer-artifact");
        assertEquals("--repo", build.get("allowedOptions").get(0).asText());
        assertEquals("--force", build.get("allowedFlags").get(0).asText());
        assertEquals("GITHUB_TOKEN", answer.at("/containers/packer/secrets/0").asText());
        assertEquals(2048, answer.get("maxCpu").asInt());
    }

    @Test
    public void handle_malformedRequests_answerAnErrorNamingTheProblem() throws Exception {
        assertTrue(handle("not json").get("error").asText().contains("not valid JSON"));
        assertTrue(handle("{\"action\":\"delete\"}").get("error").asText().contains("unknown action 'delete'"));
        assertTrue(handle("{\"container\":\"packer\"}").get("error").asText().contains("script is required"));
        assertTrue(handle("{\"container\":\"a\",\"script\":\"b\",\"args\":\"x y\"}").get("error").asText()
                .contains("args must be a list"));
        assertTrue(handle("{\"container\":\"a\",\"script\":\"b\",\"cpu\":\"lots\"}").get("error").asText()
                .contains("cpu must be a whole number"));
    }
}
