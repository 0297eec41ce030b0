package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** The resume state of long-waiting steps: it must survive the build's program state and the agent channel. */
public class WaitHandleTest {

    private static final Instant DEADLINE = Instant.parse("2026-11-23T08:00:00Z");

    private static WaitHandle task() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/runner/0123");
        ids.put("cluster", "runner");
        ids.put("logStream", "runner/terraform/0123");
        return new WaitHandle("task", ids, DEADLINE);
    }

    @Test
    public void serialisation_roundTrip_keepsWhatTheStepWaitsOn() {
        WaitHandle handle = task();
        assertEquals(handle, Serialization.roundTrip(handle));
    }

    @Test
    public void fromJsonMap_afterTheAgentReturnedIt_givesTheSameHandle() {
        WaitHandle handle = task();
        assertEquals(handle, WaitHandle.fromJsonMap(PipelineValues.of(handle.toJsonMap())));
    }

    @Test
    public void fromJsonMap_notAHandle_failsNamingTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WaitHandle.fromJsonMap(Map.of("status", "CREATE_COMPLETE")));
        assertEquals("not a wait handle: [status]", e.getMessage());
    }

    @Test
    public void constructor_noIdentifiers_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WaitHandle("stack", Map.of(), DEADLINE));
    }

    @Test
    public void constructor_noDeadline_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WaitHandle("stack", Map.of("stackId", "s"), null));
    }

    @Test
    public void describe_listsKindAndIdentifiersInNameOrder() {
        WaitHandle handle = new WaitHandle("stack", Map.of("stackId", "arn:stack/app", "changeSetId", "arn:cs/1"), DEADLINE);
        assertEquals("stack changeSetId=arn:cs/1 stackId=arn:stack/app", handle.describe());
    }

    @Test
    public void remainingMillis_beforeAndAfterTheDeadline_isTheTimeLeftOrZero() {
        WaitHandle handle = task();
        assertEquals(60_000, handle.remainingMillis(DEADLINE.minusSeconds(60)));
        assertEquals(0, handle.remainingMillis(DEADLINE.plusSeconds(1)));
    }

    @Test
    public void savedForm_holdsOnlyStringsAndAMapOfStrings() {
        Map<String, Object> saved = PipelineValues.of(task().toJsonMap());
        assertEquals("task", saved.get("kind"));
        assertEquals("2026-11-23T08:00:00Z", saved.get("deadline"));
        Map<?, ?> ids = (Map<?, ?>) saved.get("ids");
        assertEquals(LinkedHashMap.class, ids.getClass());
        ids.forEach((k, v) -> {
            assertEquals(String.class, k.getClass());
            assertEquals(String.class, v.getClass());
        });
        assertEquals(task(), Serialization.roundTrip(WaitHandle.fromJsonMap(Serialization.roundTrip(PipelineValues.of(task().toJsonMap())))));
    }

    @Test
    public void isHandle_aHandlesMap_yes_aStepResult_no() {
        assertTrue(WaitHandle.isHandle(PipelineValues.of(task().toJsonMap())));
        assertFalse(WaitHandle.isHandle(Map.of("stack", "app", "status", "UPDATE_COMPLETE", "noChanges", true)));
        assertFalse(WaitHandle.isHandle(Map.of("kind", "task")));
    }

    @Test
    public void advancedBy_progressKey_movesOnlyThatIdentifier() {
        WaitHandle handle = task();

        WaitHandle advanced = handle.advancedBy(Map.of("nextToken", "f/2"), Set.of("nextToken"));

        assertEquals("f/2", advanced.ids().get("nextToken"));
        assertEquals(handle.ids().get("taskArn"), advanced.ids().get("taskArn"));
        assertEquals(handle.kind(), advanced.kind());
        assertEquals(handle.deadline(), advanced.deadline());
        assertEquals("f/3", advanced.advancedBy(Map.of("nextToken", "f/3"), Set.of("nextToken")).ids().get("nextToken"));
    }

    @Test
    public void advancedBy_anyOtherIdentifier_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> task().advancedBy(Map.of("taskArn", "arn:aws:ecs:us-east-1:1:task/other/9"), Set.of("nextToken")));
        assertEquals("a wait on task cannot advance taskArn", e.getMessage());
    }
}
