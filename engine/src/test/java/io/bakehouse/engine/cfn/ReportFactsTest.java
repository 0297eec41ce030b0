package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ReportFactsTest {

    @Test
    public void named_noChangeSetName_refused() {
        assertThrows(IllegalArgumentException.class, () -> ReportFacts.named(null));
    }

    @Test
    public void with_eachStageAddsItsFacts_theEarlierOnesStay() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Image", "ami-1");
        values.put("Kept", null); // a kept parameter: no value is sent
        List<ChangeRow> changes = List.of(new ChangeRow("Add", "Queue", "AWS::SQS::Queue", null));

        ReportFacts facts = ReportFacts.named("cs-1")
                .withParameters(List.of(new TemplateParameter("Image", false, false)), values)
                .withChanges(changes);

        assertEquals("cs-1", facts.changeSetName());
        assertEquals(changes, facts.changes());
        assertEquals(List.of("Image", "Kept"), new ArrayList<>(facts.values().keySet()));
        assertNull(facts.values().get("Kept"));
        assertEquals(List.of(), facts.events());
    }

    @Test
    public void withParameters_callerChangesItsMapAfterwards_factsKeepWhatTheyWereGiven() {
        Map<String, String> values = new LinkedHashMap<>(Map.of("Image", "ami-1"));

        ReportFacts facts = ReportFacts.named("cs-1").withParameters(List.of(), values);
        values.put("Image", "ami-2");

        assertEquals("ami-1", facts.values().get("Image"));
        assertThrows(UnsupportedOperationException.class, () -> facts.values().put("Image", "ami-3"));
    }
}
