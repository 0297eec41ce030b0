package io.bakehouse.lambda;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.runner.RunnerConfig;
import io.bakehouse.engine.runner.RunnerConfigLoader;
import io.bakehouse.testkit.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * cloudformation/deploy-runner.yaml created in moto: the configuration it stores is the
 * standard one, valid, and the invoker started with it launches the stack's task definitions.
 */
public class DeployRunnerStackTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private static AwsClients clients;
    private static Map<String, String> outputs;

    @BeforeClass
    public static void createStack() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        String vpc = clients.ec2().createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        clients.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
        String subnet = clients.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.30.1.0/24")).subnet().subnetId();
        clients.s3().createBucket(r -> r.bucket("invoker-code"));
        clients.s3().putObject(r -> r.bucket("invoker-code").key("bakehouse-invoker.jar"),
                RequestBody.fromBytes(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("VpcId", vpc);
        params.put("Subnets", subnet);
        params.put("RunnerImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/deploy-runner:1");
        params.put("RunnerImageRepositoryArn", "arn:aws:ecr:us-east-1:123456789012:repository/deploy-runner");
        params.put("InvokerCodeBucket", "invoker-code");
        params.put("InvokerCodeKey", "bakehouse-invoker.jar");
        params.put("GitTokenSecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:git-AbCdEf");
        params.put("InfraRepoUrl", "https://github.com/acme/infra.git");
        params.put("AppRepoUrl", "https://github.com/acme/app.git");
        params.put("CiPrincipalArn", "arn:aws:iam::123456789012:role/jenkins");
        params.put("TerraformApplierPolicyArn", "arn:aws:iam::aws:policy/PowerUserAccess");
        String template = Files.readString(Path.of("..", "cloudformation", "deploy-runner.yaml"));
        clients.cloudFormation().createStack(r -> r.stackName("deploy-runner").templateBody(template)
                .capabilities(Capability.CAPABILITY_IAM)
                .parameters(params.entrySet().stream()
                        .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build())
                        .toList()));
        Stack stack = clients.cloudFormation().describeStacks(r -> r.stackName("deploy-runner")).stacks().get(0);
        assertEquals(stack.stackStatusReason(), "CREATE_COMPLETE", stack.stackStatusAsString());
        outputs = stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    private static String storedConfig() {
        return clients.ssm().getParameter(r -> r.name(outputs.get("RunnerConfigParameter"))).parameter().value();
    }

    @Test
    public void stack_storesTheStandardConfigurationFilledInWithItsResources() {
        RunnerConfig config = RunnerConfigLoader.parse(storedConfig(), "the stack's parameter");

        assertEquals(List.of("packer", "terraform-planner", "terraform-applier", "docker-image-builder", "smoke"),
                List.copyOf(config.containers().keySet()));
        assertEquals(outputs.get("LogGroupName"), config.logGroup());
        assertEquals(outputs.get("ClusterName"), config.cluster());
        assertTrue(config.containers().get("packer").taskDefinition().contains("task-definition/deploy-runner-packer:"));
        assertEquals(outputs.get("ArchiveBucketName"), config.archive().bucket());
    }

    @Test
    public void invoker_withTheStacksParameter_launchesTheStacksTaskDefinition() throws Exception {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.put(InvokerHandler.CONFIG_PARAMETER, outputs.get("RunnerConfigParameter"));
        InvokerHandler handler = new InvokerHandler(env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String request = "{\"container\":\"terraform-planner\",\"script\":\"plan\",\"args\":[\"--repo\","
                + "\"https://github.com/acme/infra.git\",\"--ref\",\"main\",\"--path\",\"envs/dev\"],\"requestedBy\":\"ci\"}";

        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, silentContext());

        JsonNode answer = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(answer.toString(), answer.has("taskArn"));
        Task task = clients.ecs().describeTasks(r -> r.cluster(outputs.get("ClusterName"))
                .tasks(answer.get("taskArn").asText())).tasks().get(0);
        assertTrue(task.taskDefinitionArn(), task.taskDefinitionArn().contains("deploy-runner-terraform-planner"));
        assertEquals(List.of("/opt/deploy-runner/scripts/plan", "--repo", "https://github.com/acme/infra.git", "--ref",
                "main", "--path", "envs/dev"), task.overrides().containerOverrides().get(0).command());
    }

    /** A Lambda context whose logger discards (this test looks at the answer only). */
    private static Context silentContext() {
        LambdaLogger discard = new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getLogger") ? discard : null);
    }
}
