package io.bakehouse.jenkins.live;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * A stack that stays in progress for as long as a test wants, played by a {@link FaultProxy} in
 * front of moto (where a change set's execution is over at once). From the execution of the
 * change set on, DescribeStacks answers the stack {@code *_IN_PROGRESS} and DescribeStackEvents
 * shows only the first {@link #show(int) N} of the execution's events, as CloudFormation would
 * while it works; {@link #release()} lets the stack's status through. The answers are made from
 * moto's own stack and events; moto records only the stack's two events of an execution, so the
 * resources' own in-progress and complete events, which CloudFormation reports between them, are
 * played in (with moto's logical and physical IDs), from the execution on and after the release.
 */
final class HeldStack {

    private static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final AwsClients moto;
    private final String stack;
    private volatile boolean executed;
    private volatile boolean held = true;
    /** How many events the stack had when its change set was executed. */
    private volatile int before;
    private volatile int shown;

    /** Holds {@code stack}; {@code moto} reaches moto directly (not through the proxy). */
    HeldStack(FaultProxy proxy, AwsClients moto, String stack) {
        this.moto = moto;
        this.stack = stack;
        proxy.always("ExecuteChangeSet", (client, request) -> {
            before = eventsOldestFirst().size();
            executed = true;
            return false; // forwarded: moto executes it
        });
        proxy.always("DescribeStacks", (client, request) -> holding()
                && Fault.respond(200, "text/xml", describeStacksInProgress()).apply(client, request));
        proxy.always("DescribeStackEvents", (client, request) -> executed
                && Fault.respond(200, "text/xml", describeEvents()).apply(client, request));
    }

    private boolean holding() {
        return executed && held;
    }

    /** Shows the first {@code n} events of the execution. */
    void show(int n) {
        shown = n;
    }

    /** Lets CloudFormation's answers through: the stack is done. */
    void release() {
        held = false;
    }

    /** The events of the execution, oldest first, as the proxy plays them once the stack is released. */
    List<StackEvent> executionEvents() {
        List<StackEvent> all = played();
        return all.subList(before, all.size());
    }

    /** moto's events, oldest first, with the resources' events after the execution's first one. */
    private List<StackEvent> played() {
        List<StackEvent> events = eventsOldestFirst();
        if (events.size() <= before) {
            return events;
        }
        StackEvent started = events.get(before);
        String operation = started.resourceStatusAsString().startsWith("UPDATE") ? "UPDATE" : "CREATE";
        List<StackEvent> resources = new ArrayList<>();
        for (String phase : List.of("_IN_PROGRESS", "_COMPLETE")) {
            moto.cloudFormation().describeStackResources(r -> r.stackName(stack)).stackResources().forEach(r ->
                    resources.add(started.toBuilder().eventId(started.eventId() + "-" + r.logicalResourceId() + phase)
                            .logicalResourceId(r.logicalResourceId()).physicalResourceId(r.physicalResourceId())
                            .resourceType(r.resourceType()).resourceStatus(operation + phase)
                            .resourceStatusReason(null).build()));
        }
        List<StackEvent> all = new ArrayList<>(events.subList(0, before + 1));
        all.addAll(resources);
        all.addAll(events.subList(before + 1, events.size()));
        return all;
    }

    private List<StackEvent> eventsOldestFirst() {
        List<StackEvent> events = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = moto.cloudFormation().describeStackEvents(r -> r.stackName(stack).nextToken(next));
            events.addAll(page.stackEvents());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        Collections.reverse(events);
        return events;
    }

    private String describeStacksInProgress() {
        Stack s = moto.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0);
        String status = s.stackStatusAsString().startsWith("UPDATE") ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS";
        return "<DescribeStacksResponse xmlns=\"" + NS + "\"><DescribeStacksResult><Stacks><member>"
                + element("StackName", s.stackName()) + element("StackId", s.stackId())
                + element("StackStatus", status) + element("CreationTime", String.valueOf(s.creationTime()))
                + "</member></Stacks></DescribeStacksResult>" + metadata() + "</DescribeStacksResponse>";
    }

    private String describeEvents() {
        List<StackEvent> all = played();
        List<StackEvent> visible = new ArrayList<>(held ? all.subList(0, Math.min(all.size(), before + shown)) : all);
        Collections.reverse(visible); // newest first, as CloudFormation answers
        StringBuilder xml = new StringBuilder("<DescribeStackEventsResponse xmlns=\"" + NS + "\">"
                + "<DescribeStackEventsResult><StackEvents>");
        for (StackEvent e : visible) {
            xml.append("<member>").append(element("StackId", e.stackId())).append(element("EventId", e.eventId()))
                    .append(element("StackName", e.stackName()))
                    .append(element("LogicalResourceId", e.logicalResourceId()))
                    .append(element("PhysicalResourceId", e.physicalResourceId()))
                    .append(element("ResourceType", e.resourceType()))
                    .append(element("Timestamp", String.valueOf(e.timestamp())))
                    .append(element("ResourceStatus", e.resourceStatusAsString()))
                    .append(element("ResourceStatusReason", e.resourceStatusReason()))
                    .append("</member>");
        }
        return xml.append("</StackEvents></DescribeStackEventsResult>").append(metadata())
                .append("</DescribeStackEventsResponse>").toString();
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>held-stack</RequestId></ResponseMetadata>";
    }

    private static String element(String name, String value) {
        if (value == null) {
            return "";
        }
        String text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return "<" + name + ">" + text + "</" + name + ">";
    }
}
