package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.BakehouseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack operation ended badly. Carries the final status and the root cause: the first
 * failed events with their reasons (the later ones are usually "cancelled" knock-ons).
 */
public class StackFailedException extends BakehouseException {

    private static final long serialVersionUID = 1L;
    private static final int ROOT_CAUSES = 3;

    private final String stack;
    private final String status;
    private final transient List<StackEvent> rootCause;

    StackFailedException(String stack, String status, List<StackEvent> rootCause, String message, String hint) {
        super(Kind.FAILURE, message, hint, null);
        this.stack = stack;
        this.status = status;
        this.rootCause = List.copyOf(rootCause);
    }

    /** Explains how an operation on {@code stack} ended in {@code status}, from the events it produced. */
    static StackFailedException of(String stack, String status, String statusReason, List<StackEvent> events) {
        List<StackEvent> causes = rootCause(events);
        StringBuilder m = new StringBuilder("Stack ").append(stack).append(" ended in ").append(status);
        if (causes.isEmpty()) {
            if (statusReason != null && !statusReason.isBlank()) {
                m.append(": ").append(statusReason);
            }
        } else {
            m.append(". Root cause: ");
            List<String> parts = new ArrayList<>();
            for (StackEvent e : causes) {
                parts.add(e.logicalId() + (e.resourceType() == null ? "" : " (" + e.resourceType() + ")") + " "
                        + e.status() + ": " + e.reason());
            }
            m.append(String.join("; ", parts));
        }
        return new StackFailedException(stack, status, causes, m.toString(), StackStatuses.hintFor(status));
    }

    /** The first failed resource events with a real reason; failed stack events only if there are none. */
    static List<StackEvent> rootCause(List<StackEvent> events) {
        List<StackEvent> resources = new ArrayList<>();
        List<StackEvent> stackLevel = new ArrayList<>();
        for (StackEvent e : events) {
            if (!e.failed() || e.reason() == null || e.reason().isBlank() || knockOn(e.reason())) {
                continue;
            }
            (e.isStack() ? stackLevel : resources).add(e);
        }
        List<StackEvent> causes = resources.isEmpty() ? stackLevel : resources;
        return causes.subList(0, Math.min(ROOT_CAUSES, causes.size()));
    }

    private static boolean knockOn(String reason) {
        return reason.contains("Resource creation cancelled") || reason.contains("Resource update cancelled");
    }

    public String stack() {
        return stack;
    }

    public String status() {
        return status;
    }

    public List<StackEvent> rootCause() {
        return rootCause;
    }
}
