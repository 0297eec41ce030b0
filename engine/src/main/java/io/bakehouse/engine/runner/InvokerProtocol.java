package io.bakehouse.engine.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The invoker Lambda's JSON messages, read and written in one place for both ends.
 *
 * <p>Requests: {@code {"action": "run", "container", "script", "args": [...], "cpu", "memory",
 * "requestedBy"}} or {@code {"action": "describe-containers"}}. Answers: the started task
 * ({@code taskArn, cluster, containerName, logGroup, logStream, maxWaitTime, archive}), a
 * rejection ({@code rejected: true, reason, container, script, option, value, message}), the
 * description, or {@code {"error": message}}.
 */
public final class InvokerProtocol {

    public static final String RUN = "run";
    public static final String DESCRIBE = "describe-containers";

    private InvokerProtocol() {
    }

    public static String runRequest(RunRequest request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", RUN);
        m.put("container", request.container());
        m.put("script", request.script());
        m.put("args", request.args());
        m.put("cpu", request.cpu());
        m.put("memory", request.memory());
        m.put("requestedBy", request.requestedBy());
        return Json.write(m);
    }

    public static String describeRequest() {
        return Json.write(Map.of("action", DESCRIBE));
    }

    static JsonNode parse(String json, String what) {
        try {
            JsonNode node = Json.mapper().readTree(json == null ? "" : json);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("request", what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("request", what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String action(JsonNode request) {
        return request.path("action").asText(RUN);
    }

    static RunRequest readRunRequest(JsonNode n) {
        List<String> args = new ArrayList<>();
        JsonNode a = n.path("args");
        if (!a.isMissingNode() && !a.isNull()) {
            if (!a.isArray()) {
                throw new InvalidInputException("args", "args must be a list of strings");
            }
            for (JsonNode item : a) {
                if (!item.isTextual()) {
                    throw new InvalidInputException("args", "args must be a list of strings");
                }
                args.add(item.asText());
            }
        }
        return new RunRequest(text(n, "container"), text(n, "script"), args, integer(n, "cpu"), integer(n, "memory"),
                text(n, "requestedBy"));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidInputException(key, key + " must be a whole number");
        }
        return v.asInt();
    }

    static String started(StartedTask task) {
        Map<String, Object> m = new LinkedHashMap<>(task.progress().toJsonMap());
        m.remove("nextToken");
        m.put("maxWaitTime", Durations.format(task.maxWaitTime()));
        if (task.archive() != null) {
            m.put("archive", Map.of("bucket", task.archive().bucket(), "prefix", task.archive().prefix()));
        }
        return Json.write(m);
    }

    static String error(String message) {
        return Json.write(Map.of("error", message));
    }

    /** Reads the invoker's answer to a run request: the started task, or a rejection thrown. */
    static StartedTask readStarted(String json) {
        JsonNode n = parse(json, "the invoker's answer");
        if (n.has("error")) {
            throw BakehouseException.failure("The invoker failed: " + n.get("error").asText(),
                    "see the invoker function's CloudWatch logs");
        }
        if (n.path("rejected").asBoolean(false)) {
            throw new RejectedException(new Rejection(Rejection.Reason.valueOf(n.path("reason").asText()),
                    text(n, "container"), text(n, "script"), text(n, "option"), text(n, "value"), text(n, "message")));
        }
        TaskProgress progress = new TaskProgress(text(n, "cluster"), text(n, "taskArn"), text(n, "containerName"),
                text(n, "logGroup"), text(n, "logStream"), null, text(n, "lastStatus"));
        Duration maxWait = n.has("maxWaitTime") ? Durations.parse("maxWaitTime", n.get("maxWaitTime").asText())
                : RunnerConfig.DEFAULT_MAX_WAIT;
        JsonNode archive = n.path("archive");
        ArchiveLocation location = archive.isObject()
                ? new ArchiveLocation(archive.path("bucket").asText(), archive.path("prefix").asText("")) : null;
        return new StartedTask(progress, maxWait, location);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readDescription(String json) {
        JsonNode n = parse(json, "the invoker's answer");
        if (n.has("error")) {
            throw BakehouseException.failure("The invoker failed: " + n.get("error").asText(),
                    "see the invoker function's CloudWatch logs");
        }
        return Json.mapper().convertValue(n, LinkedHashMap.class);
    }
}
