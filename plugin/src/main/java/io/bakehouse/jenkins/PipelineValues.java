package io.bakehouse.jenkins;

import io.bakehouse.engine.output.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts an engine result's JSON map into values a Pipeline script may hold across a
 * restart: {@link LinkedHashMap}, {@link ArrayList}, strings, numbers, booleans and nulls.
 * The engine's own immutable collections are not meant to be persisted with the program.
 * Every string is masked: a result is kept with the build.
 */
public final class PipelineValues {

    private PipelineValues() {
    }

    public static LinkedHashMap<String, Object> of(Map<String, ?> json) {
        return of(json, new Secrets());
    }

    /** As {@link #of(Map)}, with {@code secrets} masked in every key and string. */
    public static LinkedHashMap<String, Object> of(Map<String, ?> json, Secrets secrets) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        json.forEach((k, v) -> copy.put(secrets.mask(k), value(v, secrets)));
        return copy;
    }

    private static Object value(Object v, Secrets secrets) {
        if (v instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, e) -> copy.put(secrets.mask(String.valueOf(k)), value(e, secrets)));
            return copy;
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(e -> copy.add(value(e, secrets)));
            return copy;
        }
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return secrets.mask(String.valueOf(v));
    }
}
