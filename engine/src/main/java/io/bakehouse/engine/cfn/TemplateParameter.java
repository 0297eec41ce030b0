package io.bakehouse.engine.cfn;

/**
 * A parameter a template declares.
 *
 * @param key        its name
 * @param hasDefault whether the template gives it a default value
 * @param noEcho     whether its value is secret ({@code NoEcho: true})
 */
public record TemplateParameter(String key, boolean hasDefault, boolean noEcho) {
}
