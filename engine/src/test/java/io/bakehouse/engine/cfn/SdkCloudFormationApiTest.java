package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.testkit.MotoServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;

public class SdkCloudFormationApiTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private static final String TEMPLATE = "Parameters:\n  V: {Type: String}\nResources:\n"
            + "  P: {Type: 'AWS::SSM::Parameter', Properties: {Name: /sdk/p, Type: String, Value: !Ref V}}\n";

    private SdkCloudFormationApi api;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        api = new SdkCloudFormationApi(MOTO.clients().cloudFormation());
    }

    private ChangeSetSpec spec(String name, boolean create, String value) {
        CfnDeployRequest req = CfnDeployRequest.builder("sdk").template("t.yaml").build();
        return new ChangeSetSpec("sdk", name, create, new TemplateRef(TEMPLATE, null, "t.yaml"), Map.of("V", value),
                Map.of("team", "bakers"), req);
    }

    @Test
    public void describeStack_noSuchStack_isEmpty() {
        assertTrue(api.describeStack("nothing-here").isEmpty());
    }

    @Test
    public void createDescribeExecute_newStack_reportsChangesStatesAndEventsOldestFirst() {
        api.createChangeSet(spec("c1", true, "a"));

        ChangeSetView view = api.describeChangeSet("sdk", "c1");
        assertTrue(view.executable());
        assertEquals(List.of(new ChangeRow("Add", "P", "AWS::SSM::Parameter", null)), view.changes());
        assertEquals("REVIEW_IN_PROGRESS", api.describeStack("sdk").orElseThrow().status());
        String baseline = api.newestEventId("sdk");

        api.executeChangeSet("sdk", "c1", false);

        StackState state = api.describeStack("sdk").orElseThrow();
        assertEquals("CREATE_COMPLETE", state.status());
        assertTrue(state.parameterKeys().contains("V"));
        List<StackEvent> events = api.eventsAfter(view.stackId(), baseline, 100);
        assertEquals("CREATE_IN_PROGRESS", events.get(0).status());
        assertEquals("CREATE_COMPLETE", events.get(events.size() - 1).status());
        assertEquals(List.of(), api.eventsAfter("sdk", api.newestEventId("sdk"), 100));
    }

    @Test
    public void createChangeSet_everyOption_reachesTheRequest() {
        List<CreateChangeSetRequest> sent = new ArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof CreateChangeSetRequest r) {
                    sent.add(r);
                }
            }
        };
        try (CloudFormationClient cfn = CloudFormationClient.builder()
                .endpointOverride(URI.create(MOTO.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build()) {
            CfnDeployRequest req = CfnDeployRequest.builder("sdk").template("t.yaml")
                    .capabilities(List.of("CAPABILITY_IAM")).cfnRoleArn("arn:aws:iam::123456789012:role/cfn")
                    .notificationArns(List.of("arn:aws:sns:us-east-1:123456789012:events")).onFailure("DELETE")
                    .rollbackAlarms(List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:5xx"))
                    .monitoringMinutes(10).build();

            ChangeSetSpec spec = new ChangeSetSpec("sdk", "c1", true, new TemplateRef(TEMPLATE, null, "t.yaml"),
                    Map.of("V", "a"), Map.of("team", "bakers"), req);
            // moto publishes the stack's first event to the SNS topic, which does not exist here;
            // the request as sent is what this test is about.
            assertThrows(CloudFormationException.class, () -> new SdkCloudFormationApi(cfn).createChangeSet(spec));
        }

        CreateChangeSetRequest r = sent.get(0);
        assertEquals("CREATE", r.changeSetTypeAsString());
        assertEquals(List.of("CAPABILITY_IAM"), r.capabilitiesAsStrings());
        assertEquals("arn:aws:iam::123456789012:role/cfn", r.roleARN());
        assertEquals(List.of("arn:aws:sns:us-east-1:123456789012:events"), r.notificationARNs());
        assertEquals("DELETE", r.onStackFailureAsString());
        assertEquals("arn:aws:cloudwatch:us-east-1:123456789012:alarm:5xx",
                r.rollbackConfiguration().rollbackTriggers().get(0).arn());
        assertEquals(Integer.valueOf(10), r.rollbackConfiguration().monitoringTimeInMinutes());
        assertEquals("bakers", r.tags().get(0).value());
        assertEquals("a", r.parameters().get(0).parameterValue());
    }

    @Test
    public void summarise_templateInS3_readsItsParameters() {
        MOTO.clients().s3().createBucket(r -> r.bucket("templates"));
        // moto's GetTemplateSummary needs the format version; CloudFormation does not.
        MOTO.clients().s3().putObject(r -> r.bucket("templates").key("t.yaml"), RequestBody.fromString(
                "AWSTemplateFormatVersion: '2010-09-09'\n" + TEMPLATE.replace("Parameters:\n", "Parameters:\n"
                        + "  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}\n"
                        + "  Token: {Type: String, NoEcho: true}\n")));

        TemplateSummary summary = api.summarise(new TemplateRef(null,
                "https://templates.s3.us-east-1.amazonaws.com/t.yaml", "s3://templates/t.yaml"));

        assertEquals(List.of(new TemplateParameter("Env", "String", true, false, List.of("dev", "prod")),
                new TemplateParameter("Token", "String", false, true, List.of()),
                new TemplateParameter("V", "String", false, false, List.of())), summary.parameters());
        assertTrue(summary.capabilities().isEmpty());
    }

    @Test
    public void deleteChangeSetAndStack_removeThem() {
        api.createChangeSet(spec("c1", true, "a"));

        api.deleteChangeSet("sdk", "c1");
        api.deleteStack(api.describeStack("sdk").orElseThrow().stackId());

        assertTrue(api.describeStack("sdk").isEmpty());
    }
}
