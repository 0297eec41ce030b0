package io.bakehouse.engine.cfn;

import java.util.List;
import java.util.Optional;

/**
 * The few CloudFormation calls a deployment makes, in the engine's own terms. {@link
 * SdkCloudFormationApi} is the real one; tests put fakes behind it for the states an
 * emulator cannot produce (failed resources, long-running updates, rollbacks). Calls throw
 * the SDK's exceptions; the deployer turns them into words.
 */
public interface CloudFormationApi {

    /** What CloudFormation reads from a template ({@code GetTemplateSummary}): its parameters and capabilities. */
    TemplateSummary summarise(TemplateRef template);

    /** The stack called (or with the ID) {@code stack}, or empty when there is none. */
    Optional<StackState> describeStack(String stack);

    /** Creates the change set; returns its ID. */
    String createChangeSet(ChangeSetSpec spec);

    ChangeSetView describeChangeSet(String stack, String changeSet);

    void executeChangeSet(String stack, String changeSet, boolean disableRollback);

    void deleteChangeSet(String stack, String changeSet);

    void deleteStack(String stack);

    void cancelUpdate(String stack);

    void setStackPolicy(String stack, String policyBody);

    void enableTerminationProtection(String stack);

    /**
     * The stack's events newer than {@code afterEventId}, oldest first (all of them when it
     * is {@code null}); at most {@code limit} when the marker is not found.
     */
    List<StackEvent> eventsAfter(String stack, String afterEventId, int limit);

    /** The ID of the stack's newest event, or {@code null}. */
    String newestEventId(String stack);
}
