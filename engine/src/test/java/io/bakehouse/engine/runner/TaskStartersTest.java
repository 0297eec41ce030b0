package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

public class TaskStartersTest {

    @Test
    public void choose_theInvokerOrTheConfig() {
        assertEquals(new TaskStarters.Choice("deploy-runner-invoker", null),
                TaskStarters.choose("deploy-runner-invoker", null, "from-jenkins"));
        TaskStarters.Choice config = TaskStarters.choose(" ", "runner.yaml", "from-jenkins");
        assertTrue(config.usesConfig());
        assertEquals("runner.yaml", config.config());
    }

    @Test
    public void choose_neither_theDefaultInvoker() {
        TaskStarters.Choice choice = TaskStarters.choose(null, "", "from-jenkins");
        assertFalse(choice.usesConfig());
        assertEquals("from-jenkins", choice.invoker());
    }

    @Test
    public void choose_both_isRefusedInTheEnginesWords() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TaskStarters.choose("f", "runner.yaml", null));
        assertEquals("invoker", e.field());
        assertEquals("give invoker or config, not both", e.getMessage());
    }

    @Test
    public void choose_neitherAndNoDefault_isRequired() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TaskStarters.choose(null, null, " "));
        assertEquals("invoker (or config) is required", e.getMessage());
        assertTrue(e.hint(), e.hint().contains("runner configuration file"));
    }
}
