package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * A step of the shared library: its name, the bakehouse subcommand it runs and its
 * parameters (docs/steps.md). Checks a call's arguments and turns them into a {@link CliCall}.
 */
class StepSpec implements Serializable {
    private static final long serialVersionUID = 1L

    final String name
    final String command
    final List<Parameter> parameters
    /** parameter → the parameter whose presence makes it optional. */
    final Map<String, String> requiredUnless

    StepSpec(String name, String command, List<Parameter> parameters, Map<String, String> requiredUnless) {
        this.name = name
        this.command = command
        this.parameters = parameters
        this.requiredUnless = requiredUnless
    }

    @NonCPS
    List<String> parameterNames() {
        return parameters.collect { it.name }
    }

    @NonCPS
    Parameter parameter(String parameterName) {
        return parameters.find { it.name == parameterName }
    }

    /**
     * Everything wrong with {@code args}, as one line starting with the step's name, or null
     * when the call is valid. A null value counts as not given.
     */
    @NonCPS
    String problems(Map args) {
        List<String> found = []
        args.keySet().findAll { parameter(String.valueOf(it)) == null }.each { found << unknown(String.valueOf(it)) }
        parameters.each { Parameter p ->
            Object value = args[p.name]
            if (value == null) {
                if (p.required && !(requiredUnless[p.name] && args[requiredUnless[p.name]] != null)) {
                    found << "missing required parameter '${p.name}'".toString()
                }
            } else {
                String problem = p.problem(value)
                if (problem == null && hasNul(value)) {
                    problem = "'${p.name}' contains a NUL character, which no command argument can hold"
                }
                if (problem == null && p.required && p.type == Parameter.STRING && value.toString().trim().isEmpty()) {
                    problem = "'${p.name}' must not be empty"
                }
                if (problem != null) {
                    found << problem.toString()
                }
            }
        }
        return found ? "${name}: ${found.join('; ')} (see the ${name} help page for every parameter)" : null
    }

    /** The CLI call for valid {@code args}. */
    @NonCPS
    CliCall cliCall(Map args) {
        CliCall call = new CliCall(name)
        call.add(command)
        List<String> trailing = []
        parameters.each { Parameter p ->
            Object value = args[p.name]
            if (value == null) {
                return
            }
            if (p.rendering == Parameter.POSITIONAL) {
                trailing.addAll(p.words(value))
            } else if (p.rendering == Parameter.CREDENTIAL_ENV) {
                ((Map) value).each { k, v -> call.add(p.option()).add("${k}=${call.bindSecret(Parameter.text(v))}".toString()) }
            } else {
                p.words(value).each { call.add(it) }
            }
        }
        call.add('--output').add('json')
        if (trailing) {
            call.add('--')
            trailing.each { call.add(it) }
        }
        return call
    }

    @NonCPS
    private static boolean hasNul(Object value) {
        if (value instanceof Map) {
            return ((Map) value).any { k, v -> hasNul(k) || hasNul(v) }
        }
        if (value instanceof List) {
            return ((List) value).any { hasNul(it) }
        }
        return value != null && value.toString().indexOf((int) 0) >= 0
    }

    @NonCPS
    private String unknown(String given) {
        String close = parameterNames().find { it.equalsIgnoreCase(given) }
        if (close == null) {
            close = parameterNames().find { distance(it.toLowerCase(Locale.ROOT), given.toLowerCase(Locale.ROOT)) <= 2 }
        }
        String hint = close ? " (did you mean '${close}'?)" : ''
        return "unknown parameter '${given}'${hint}; known parameters: ${parameterNames().join(', ')}"
    }

    /** Levenshtein distance, for "did you mean" hints. */
    @NonCPS
    private static int distance(String a, String b) {
        int[] previous = (0..b.length()) as int[]
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1]
            current[0] = i
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.length()]
    }
}
