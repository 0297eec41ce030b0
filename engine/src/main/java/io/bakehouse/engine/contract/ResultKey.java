package io.bakehouse.engine.contract;

/**
 * A key of a step's result (the map a pipeline gets, the JSON object the CLI prints).
 *
 * @param name        the key
 * @param description what it holds, or {@code null} when the name says it
 */
public record ResultKey(String name, Markup description) {
}
