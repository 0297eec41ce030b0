package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;

import io.bakehouse.engine.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class CfnDeployResultTest {

    @Test
    public void toJsonMap_hasTheStepContractKeys() {
        CfnDeployResult r = new CfnDeployResult("app", "UPDATE_COMPLETE", "arn:stack", Map.of("Url", "u"), "arn:cs", "cs",
                false, true, List.of(new ChangeRow("Modify", "Q", "AWS::SQS::Queue", "False")),
                List.of(new StackEvent("e1", Instant.EPOCH, "Q", "AWS::SQS::Queue", "UPDATE_COMPLETE", null)));

        Map<String, Object> m = r.toJsonMap();

        assertEquals(List.of("stack", "status", "stackId", "outputs", "changeSetId", "changeSetName", "noChanges",
                "executed", "changes", "events"), List.copyOf(m.keySet()));
        assertEquals(String.join("\n", "[", "  {", "    \"timestamp\": \"1970-01-01T00:00:00Z\",", "    \"logicalId\": \"Q\",",
                "    \"resourceType\": \"AWS::SQS::Queue\",", "    \"status\": \"UPDATE_COMPLETE\",", "    \"reason\": null",
                "  }", "]"), Json.write(m.get("events")));
    }
}
