package io.bakehouse.engine.cfn;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory CloudFormation for the states the emulator cannot produce (failed resources,
 * rollbacks, long updates, someone else's operation). Each trigger (execute, delete, cancel)
 * queues a script of steps; every {@code describeStack} plays the next step: the stack's new
 * state plus the events it wrote.
 */
final class FakeCloudFormation implements CloudFormationApi {

    static final String STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/app/1";

    /** One state the stack passes through, with the events written on the way. */
    record Step(String status, List<StackEvent> events) {
    }

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<ChangeSetSpec> changeSets = new ArrayList<>();
    final Map<String, List<Step>> scripts = new HashMap<>();
    private final Deque<Step> queue = new ArrayDeque<>();
    private final List<StackEvent> events = new ArrayList<>();
    private String status;
    private int describes;
    private int eventCounter;
    Consumer<Integer> onDescribe = n -> { };
    /** What {@code summarise} answers for a template in S3. */
    TemplateSummary summary = new TemplateSummary(List.of(), Map.of());
    /** Thrown by {@code cancelUpdate}, e.g. the ValidationError of an update that just finished. */
    RuntimeException cancelFailure;
    Map<String, String> changeSetParameters = Map.of("AmiId", "ami-0123456789abcdef0");

    FakeCloudFormation(String initialStatus) {
        this.status = initialStatus;
        if (initialStatus != null) {
            event("app", "AWS::CloudFormation::Stack", initialStatus, null);
        }
    }

    FakeCloudFormation script(String trigger, Step... steps) {
        scripts.put(trigger, List.of(steps));
        return this;
    }

    /** Steps played from the next {@code describeStack} on, whatever the deployer does. */
    synchronized FakeCloudFormation now(Step... steps) {
        queue.addAll(List.of(steps));
        return this;
    }

    static Step step(String status, StackEvent... events) {
        return new Step(status, List.of(events));
    }

    StackEvent event(String logicalId, String type, String status, String reason) {
        StackEvent e = new StackEvent("e" + (++eventCounter), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(eventCounter),
                logicalId, type, status, reason);
        return e;
    }

    private void trigger(String name) {
        queue.addAll(scripts.getOrDefault(name, List.of()));
    }

    @Override
    public TemplateSummary summarise(TemplateRef template) {
        calls.add("summarise");
        return summary;
    }

    @Override
    public synchronized Optional<StackState> describeStack(String stack) {
        onDescribe.accept(++describes);
        Step next = queue.poll();
        if (next != null) {
            status = next.status();
            events.addAll(next.events());
        }
        if (status == null || StackStatuses.DELETE_COMPLETE.equals(status) && !stack.startsWith("arn:")) {
            return Optional.empty();
        }
        return Optional.of(new StackState(STACK_ID, status, null, Map.of("Url", "http://app"), Set.of("AmiId"), false));
    }

    @Override
    public String createChangeSet(ChangeSetSpec spec) {
        calls.add("createChangeSet " + (spec.create() ? "CREATE" : "UPDATE"));
        changeSets.add(spec);
        if (spec.create() && status == null) {
            status = StackStatuses.REVIEW_IN_PROGRESS;
        }
        return "cs-id";
    }

    @Override
    public ChangeSetView describeChangeSet(String stack, String changeSet) {
        return new ChangeSetView("cs-id", changeSet, STACK_ID, "CREATE_COMPLETE", null, "AVAILABLE",
                List.of(new ChangeRow("Modify", "Fleet", "AWS::AutoScaling::AutoScalingGroup", "False")),
                changeSetParameters);
    }

    @Override
    public void executeChangeSet(String stack, String changeSet, boolean disableRollback) {
        calls.add("executeChangeSet " + changeSet);
        trigger("execute");
    }

    @Override
    public void deleteChangeSet(String stack, String changeSet) {
        calls.add("deleteChangeSet " + changeSet);
    }

    @Override
    public void deleteStack(String stack) {
        calls.add("deleteStack");
        trigger("delete");
    }

    @Override
    public void cancelUpdate(String stack) {
        if (cancelFailure != null) {
            throw cancelFailure;
        }
        calls.add("cancelUpdate");
        trigger("cancel");
    }

    @Override
    public void setStackPolicy(String stack, String policyBody) {
        calls.add("setStackPolicy");
    }

    @Override
    public void enableTerminationProtection(String stack) {
        calls.add("enableTerminationProtection");
    }

    @Override
    public synchronized List<StackEvent> eventsAfter(String stack, String afterEventId, int limit) {
        List<StackEvent> after = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && after.size() < limit; i--) {
            if (events.get(i).eventId().equals(afterEventId)) {
                break;
            }
            after.add(events.get(i));
        }
        Collections.reverse(after);
        return after;
    }

    @Override
    public synchronized String newestEventId(String stack) {
        return events.isEmpty() ? null : events.get(events.size() - 1).eventId();
    }
}
