package io.bakehouse.harness;

import java.util.List;
import java.util.Map;

/** A call inside an {@code options {}} block, e.g. {@code timeout(time: 1, unit: 'HOURS')}. */
public record Directive(String name, List<Object> args) {

    /** The named arguments ({@code time:}, {@code unit:}), or an empty map. */
    public Map<?, ?> named() {
        return !args.isEmpty() && args.get(0) instanceof Map<?, ?> m ? m : Map.of();
    }
}
