package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.testkit.MotoServer;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

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
    public void validate_template_isAccepted() {
        TemplateCheck check = api.validate(new TemplateRef(TEMPLATE, null, "t.yaml"));

        assertTrue(check.capabilities().isEmpty());
    }

    @Test
    public void deleteChangeSetAndStack_removeThem() {
        api.createChangeSet(spec("c1", true, "a"));

        api.deleteChangeSet("sdk", "c1");
        api.deleteStack(api.describeStack("sdk").orElseThrow().stackId());

        assertTrue(api.describeStack("sdk").isEmpty());
    }
}
