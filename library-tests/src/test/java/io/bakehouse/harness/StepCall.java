package io.bakehouse.harness;

import java.util.Map;

/** One pipeline step the code under test called: its name, its arguments, the stage it ran in. */
public record StepCall(String name, Map<String, Object> args, String stage) {

    public StepCall {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    public Object arg(String key) {
        return args.get(key);
    }
}
