package io.bakehouse.harness;

import groovy.lang.GroovyObjectSupport;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code env} global: the build's variables, with the layers that {@code withEnv},
 * {@code withCredentials} and declarative {@code environment} blocks add for their body.
 * Unset variables read as null, as in Jenkins.
 */
public final class EnvVars extends GroovyObjectSupport {

    private final Map<String, String> base = new LinkedHashMap<>();
    private final Deque<Map<String, String>> layers = new ArrayDeque<>();

    @Override
    public Object getProperty(String name) {
        return get(name);
    }

    @Override
    public void setProperty(String name, Object value) {
        put(name, value == null ? null : value.toString());
    }

    public String get(String name) {
        Iterator<Map<String, String>> newestFirst = layers.iterator();
        while (newestFirst.hasNext()) {
            Map<String, String> layer = newestFirst.next();
            if (layer.containsKey(name)) {
                return layer.get(name);
            }
        }
        return base.get(name);
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /** {@code env.X = ...}: sets the build's variable, seen by every later stage. */
    public void put(String name, String value) {
        base.put(name, value);
    }

    /** Sets a variable of the innermost layer only (an {@code environment} block's entry). */
    public void putInLayer(String name, String value) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("no environment layer to set " + name + " in");
        }
        layers.peekFirst().put(name, value);
    }

    public void push(Map<String, String> layer) {
        layers.push(new LinkedHashMap<>(layer));
    }

    public void pop() {
        layers.pop();
    }

    /** Every variable a process started now would see. */
    public Map<String, String> effective() {
        Map<String, String> all = new LinkedHashMap<>(base);
        layers.descendingIterator().forEachRemaining(all::putAll);
        all.values().removeIf(v -> v == null);
        return all;
    }
}
