package io.bakehouse.engine.cfn;

import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cfnDeploy} did (docs/steps.md).
 *
 * @param stackName     the stack
 * @param status        the stack's status at the end (e.g. {@code UPDATE_COMPLETE}; {@code REVIEW_IN_PROGRESS}
 *                      or the previous status when the change set was only created)
 * @param stackId       the stack's ARN
 * @param outputs       output key → value
 * @param changeSetId   the change set's ARN ({@code null} when it was empty and deleted)
 * @param changeSetName its name
 * @param noChanges     the template and parameters changed nothing
 * @param executed      whether the change set was executed
 * @param changes       the change set's resource changes
 * @param events        the stack events seen, oldest first
 */
public record CfnDeployResult(String stackName, String status, String stackId, Map<String, String> outputs,
                              String changeSetId, String changeSetName, boolean noChanges, boolean executed,
                              List<ChangeRow> changes, List<StackEvent> events) implements JsonValue, Serializable {

    public CfnDeployResult {
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        changes = changes == null ? List.of() : List.copyOf(changes);
        events = events == null ? List.of() : List.copyOf(events);
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stack", stackName);
        m.put("status", status);
        m.put("stackId", stackId);
        m.put("outputs", outputs);
        m.put("changeSetId", changeSetId);
        m.put("changeSetName", changeSetName);
        m.put("noChanges", noChanges);
        m.put("executed", executed);
        List<Object> rows = new ArrayList<>();
        for (ChangeRow c : changes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("action", c.action());
            r.put("logicalId", c.logicalId());
            r.put("resourceType", c.resourceType());
            r.put("replacement", c.replacement());
            rows.add(r);
        }
        m.put("changes", rows);
        List<Object> ev = new ArrayList<>();
        events.forEach(e -> ev.add(e.toJsonMap()));
        m.put("events", ev);
        return m;
    }
}
