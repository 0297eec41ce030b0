package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class StackFailedExceptionTest {

    private static StackEvent e(String id, String logicalId, String type, String status, String reason) {
        return new StackEvent(id, Instant.EPOCH, logicalId, type, status, reason);
    }

    @Test
    public void of_failedCreate_namesFirstFailuresSkipsKnockOnsAndSuggestsReplacement() {
        List<StackEvent> events = List.of(
                e("1", "app", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"),
                e("2", "Bucket", "AWS::S3::Bucket", "CREATE_FAILED", "bucket already exists"),
                e("3", "Queue", "AWS::SQS::Queue", "CREATE_FAILED", "Resource creation cancelled"),
                e("4", "app", "AWS::CloudFormation::Stack", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed"),
                e("5", "app", "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE", null));

        StackFailedException ex = StackFailedException.of("app", "ROLLBACK_COMPLETE", null, events);

        assertEquals("Stack app ended in ROLLBACK_COMPLETE. Root cause: Bucket (AWS::S3::Bucket) CREATE_FAILED:"
                + " bucket already exists", ex.getMessage());
        assertEquals(List.of(events.get(1)), ex.rootCause());
        assertTrue(ex.hint(), ex.hint().contains("next deploy replaces it"));
    }

    @Test
    public void of_noFailedEvents_fallsBackToTheStatusReason() {
        StackFailedException ex = StackFailedException.of("app", "UPDATE_ROLLBACK_COMPLETE", "alarm fired", List.of());

        assertEquals("Stack app ended in UPDATE_ROLLBACK_COMPLETE: alarm fired", ex.getMessage());
    }

    @Test
    public void rootCause_manyFailures_keepsTheFirstThree() {
        List<StackEvent> events = List.of(
                e("1", "A", "T", "CREATE_FAILED", "a"), e("2", "B", "T", "CREATE_FAILED", "b"),
                e("3", "C", "T", "CREATE_FAILED", "c"), e("4", "D", "T", "CREATE_FAILED", "d"));

        assertEquals(3, StackFailedException.rootCause(events).size());
    }
}
