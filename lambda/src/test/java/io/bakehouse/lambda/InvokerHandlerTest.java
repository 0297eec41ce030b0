package io.bakehouse.lambda;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RunnerFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

public class InvokerHandlerTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private AwsClients clients;
    private String configText;
    private final StringBuilder log = new StringBuilder();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        configText = RunnerFixtures.createRunnerResources(clients);
    }

    /** A Lambda context as the runtime would pass, logging into {@link #log}. */
    private Context context() {
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.append(message);
            }

            @Override
            public void log(byte[] message) {
                log.append(new String(message, StandardCharsets.UTF_8));
            }
        };
        return new Context() {
            public String getAwsRequestId() { return "req-1"; }
            public String getLogGroupName() { return "/aws/lambda/deploy-runner-invoker"; }
            public String getLogStreamName() { return "2026/11/23/[$LATEST]abc"; }
            public String getFunctionName() { return "deploy-runner-invoker"; }
            public String getFunctionVersion() { return "$LATEST"; }
            public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:deploy-runner-invoker"; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return 30_000; }
            public int getMemoryLimitInMB() { return 512; }
            public LambdaLogger getLogger() { return logger; }
        };
    }

    private Map<String, String> env(String key, String value) {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.put(key, value);
        return env;
    }

    private JsonNode invoke(InvokerHandler handler, String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context());
        return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void handleRequest_allowedRun_launchesTheTaskInMotoAndAnswersItsLogs() throws Exception {
        InvokerHandler handler = new InvokerHandler(env(InvokerHandler.CONFIG, configText));

        JsonNode answer = invoke(handler, "{\"container\":\"packer\",\"script\":\"build-packer-artifact\","
                + "\"args\":[\"--ref\",\"main\",\"--template-path\",\"app.pkr.hcl\"],\"requestedBy\":\"jenkins-app-9\"}");

        String taskArn = answer.get("taskArn").asText();
        Task task = clients.ecs().describeTasks(r -> r.cluster(RunnerFixtures.CLUSTER).tasks(taskArn)).tasks().get(0);
        assertEquals("jenkins-app-9", task.startedBy());
        assertEquals("/usr/local/bin/build-packer-artifact", task.overrides().containerOverrides().get(0).command().get(0));
        assertEquals(RunnerFixtures.LOG_GROUP, answer.get("logGroup").asText());
        assertTrue(answer.get("logStream").asText().startsWith("runner/packer/"));
        assertTrue(log.toString(), log.toString().contains("Request from jenkins-app-9: packer build-packer-artifact"));
    }

    @Test
    public void handleRequest_configFromSsmParameter_refusesWhatItDoesNotAllow() throws Exception {
        clients.ssm().putParameter(r -> r.name("/bakehouse/deploy-runner/config").value(configText)
                .type(ParameterType.STRING).tier(ParameterTier.ADVANCED));
        InvokerHandler handler = new InvokerHandler(env(InvokerHandler.CONFIG_PARAMETER, "/bakehouse/deploy-runner/config"));

        JsonNode answer = invoke(handler, "{\"container\":\"packer\",\"script\":\"build-packer-artifact\","
                + "\"args\":[\"--repo\",\"https://github.com/evil/x.git\"]}");

        assertTrue(answer.get("rejected").asBoolean());
        assertEquals("REPOSITORY_NOT_ALLOWED", answer.get("reason").asText());
        assertEquals("--repo", answer.get("option").asText());
        assertEquals(0, clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().size());
        assertTrue(log.toString(), log.toString().contains("WARNING Refused"));
    }

    /** A clock the test moves by hand. */
    private static final class HandClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    public void handleRequest_parameterTightenedInSsm_warmFunctionAppliesTheNewVersionAfterTheTtl() throws Exception {
        String name = "/bakehouse/deploy-runner/config";
        clients.ssm().putParameter(r -> r.name(name).value(configText).type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED));
        Map<String, String> env = env(InvokerHandler.CONFIG_PARAMETER, name);
        env.put(InvokerHandler.CONFIG_TTL, "1m");
        HandClock clock = new HandClock();
        InvokerHandler handler = new InvokerHandler(env, clock);
        String plan = "{\"container\":\"terraform-planner\",\"script\":\"plan\",\"args\":[\"dev\"]}";
        assertTrue(invoke(handler, plan).has("taskArn"));

        // The operators drop the planner from the allow-list: a new version of the parameter.
        String tightened = configText.substring(0, configText.indexOf("  terraform-planner:"));
        long version = clients.ssm().putParameter(r -> r.name(name).value(tightened).overwrite(true)).version();
        assertEquals(2L, version);
        clock.now = clock.now.plusSeconds(59);
        assertTrue("within the TTL the checked copy is used", invoke(handler, plan).has("taskArn"));

        clock.now = clock.now.plusSeconds(1);
        JsonNode refused = invoke(handler, plan);
        assertEquals(refused.toString(), "UNKNOWN_CONTAINER", refused.get("reason").asText());

        // A broken version stops every request rather than leaving the old rules in force.
        clients.ssm().putParameter(r -> r.name(name).value("cluster: [").overwrite(true));
        clock.now = clock.now.plusSeconds(60);
        BakehouseException e = assertThrows(BakehouseException.class, () -> invoke(handler, plan));
        assertTrue(e.getMessage(), e.getMessage().contains("SSM parameter " + name + " (version 3)"));
        assertEquals(2, clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().size());
    }

    @Test
    public void handleRequest_zeroTtl_readsTheParameterOnEveryRequest() throws Exception {
        String name = "/bakehouse/deploy-runner/config";
        clients.ssm().putParameter(r -> r.name(name).value(configText).type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED));
        Map<String, String> env = env(InvokerHandler.CONFIG_PARAMETER, name);
        env.put(InvokerHandler.CONFIG_TTL, "0s");
        InvokerHandler handler = new InvokerHandler(env, new HandClock());
        String plan = "{\"container\":\"terraform-planner\",\"script\":\"plan\",\"args\":[\"dev\"]}";
        assertTrue(invoke(handler, plan).has("taskArn"));
        clients.ssm().putParameter(r -> r.name(name).overwrite(true)
                .value(configText.substring(0, configText.indexOf("  terraform-planner:"))));
        assertEquals("UNKNOWN_CONTAINER", invoke(handler, plan).get("reason").asText());
    }

    @Test
    public void handleRequest_describeContainers_answersTheConfiguration() throws Exception {
        JsonNode answer = invoke(new InvokerHandler(env(InvokerHandler.CONFIG, configText)),
                "{\"action\":\"describe-containers\"}");

        assertEquals("deploy-runner-terraform-planner", answer.at("/containers/terraform-planner/taskDefinition").asText());
        assertTrue(answer.at("/containers/terraform-planner/scripts/noargs/allowedOptions").isEmpty());
        assertFalse(answer.toString().contains("arn:aws:secretsmanager"));
    }

    @Test
    public void handleRequest_noConfiguration_failsSayingWhichVariableToSet() {
        InvokerHandler handler = new InvokerHandler(MOTO.environment());
        BakehouseException e = assertThrows(BakehouseException.class,
                () -> invoke(handler, "{\"action\":\"describe-containers\"}"));
        assertTrue(e.hint(), e.hint().contains(InvokerHandler.CONFIG_PARAMETER));
    }
}
