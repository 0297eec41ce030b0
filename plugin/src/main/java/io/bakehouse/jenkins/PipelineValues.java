package io.bakehouse.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts an engine result's JSON map into values a Pipeline script may hold across a
 * restart: {@link LinkedHashMap}, {@link ArrayList}, strings, numbers, booleans and nulls.
 * The engine's own immutable collections are not meant to be persisted with the program.
 */
public final class PipelineValues {

    private PipelineValues() {
    }

    public static LinkedHashMap<String, Object> of(Map<String, ?> json) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        json.forEach((k, v) -> copy.put(k, value(v)));
        return copy;
    }

    private static Object value(Object v) {
        if (v instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, e) -> copy.put(String.valueOf(k), value(e)));
            return copy;
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(e -> copy.add(value(e)));
            return copy;
        }
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return String.valueOf(v);
    }
}
