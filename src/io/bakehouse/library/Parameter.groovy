package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * One step parameter: its name, its type, and how its value becomes CLI arguments. Checking
 * and rendering are pure functions (no pipeline steps), so they are {@code @NonCPS}.
 * Error messages name the parameter and the type of a bad value, never the value itself: it
 * may be a secret.
 */
class Parameter implements Serializable {
    private static final long serialVersionUID = 1L

    static final String STRING = 'string'
    static final String BOOLEAN = 'boolean'
    static final String INT = 'int'
    static final String DURATION = 'duration'
    static final String LIST = 'list'
    static final String MAP = 'map'

    /** {@code --name value} */
    static final String OPTION = 'option'
    /** {@code --name} when true (the default is false) */
    static final String FLAG = 'flag'
    /** {@code --no-name} when false (the default is true) */
    static final String NEGATABLE = 'negatable'
    /** {@code --item value}, once per list element */
    static final String REPEATED = 'repeated'
    /** {@code --item K=V}, once per map entry */
    static final String PAIRS = 'pairs'
    /** {@code --name K=V,K=V}: one argument */
    static final String JOINED = 'joined'
    /**
     * {@code --item-env K=VARIABLE} per entry: V names a Secret text credential, which the step
     * binds to a generated environment variable
     */
    static final String CREDENTIAL_ENV = 'credential-env'
    /** a word after {@code --} (a list: one word per element) */
    static final String POSITIONAL = 'positional'
    /** not a CLI argument: the step binds it itself (credentialsId) */
    static final String BINDING = 'binding'

    final String name
    final String type
    final String rendering
    final boolean required
    /** The CLI option when the contract names it ({@code images}: {@code --images}), else null: the rule gives it. */
    final String optionName

    Parameter(String name, String type, String rendering, boolean required, String optionName = null) {
        this.name = name
        this.type = type
        this.rendering = rendering
        this.required = required
        this.optionName = optionName
    }

    /**
     * The CLI option: the contract's, else the name in kebab-case, singular for repeated options
     * ({@code labels} → {@code --label}).
     */
    @NonCPS
    String option() {
        String base = rendering in [REPEATED, PAIRS, CREDENTIAL_ENV] ? singular(name) : name
        String option = optionName ?: '--' + base.replaceAll(/([A-Z])/, '-$1').toLowerCase(Locale.ROOT)
        return rendering == CREDENTIAL_ENV ? option + '-env' : option
    }

    /** Why {@code value} is not acceptable for this parameter, or null when it is. */
    @NonCPS
    String problem(Object value) {
        switch (type) {
            case STRING:
                return value instanceof CharSequence ? null : wrongType('a string', value)
            case BOOLEAN:
                return value instanceof Boolean ? null : wrongType('a boolean (true or false)', value)
            case INT:
                return isWholeNumber(value) ? null : wrongType('a whole number', value)
            case DURATION:
                return durationProblem(value)
            case LIST:
                return listProblem(value)
            case MAP:
                return mapProblem(value)
            default:
                throw new IllegalStateException("unknown parameter type ${type}")
        }
    }

    /** The CLI words for {@code value} (already checked). */
    @NonCPS
    List<String> words(Object value) {
        switch (rendering) {
            case OPTION:
                return [option(), text(value)]
            case FLAG:
                return value ? [option()] : []
            case NEGATABLE:
                return value ? [] : ['--no-' + option().substring(2)]
            case REPEATED:
                return ((List) value).collectMany { [option(), text(it)] }
            case PAIRS:
                return ((Map) value).collectMany { k, v -> [option(), "${k}=${text(v)}".toString()] }
            case JOINED:
                return [option(), ((Map) value).collect { k, v -> "${k}=${text(v)}" }.join(',')]
            case POSITIONAL:
                return value instanceof List ? ((List) value).collect { text(it) } : [text(value)]
            default:
                return []
        }
    }

    @NonCPS
    static String text(Object value) {
        return String.valueOf(value)
    }

    @NonCPS
    private String durationProblem(Object value) {
        if (isWholeNumber(value) && ((Number) value).longValue() > 0) {
            return null
        }
        if (value instanceof CharSequence && value.toString() ==~ /[1-9][0-9]*[smh]?/) {
            return null
        }
        return "'${name}' must be a duration such as '90s', '45m' or '2h' (a bare number means minutes)"
    }

    @NonCPS
    private String listProblem(Object value) {
        if (!(value instanceof List)) {
            return wrongType('a list, e.g. [\'a\', \'b\']', value)
        }
        int index = ((List) value).findIndexOf { !isScalar(it) }
        return index < 0 ? null : "'${name}' element ${index} must be a string or a number, got ${typeOf(((List) value)[index])}"
    }

    @NonCPS
    private String mapProblem(Object value) {
        if (!(value instanceof Map)) {
            return wrongType('a map, e.g. [key: \'value\']', value)
        }
        for (Object entry : ((Map) value).entrySet()) {
            Object key = ((Map.Entry) entry).key
            Object item = ((Map.Entry) entry).value
            if (!(key instanceof CharSequence) || key.toString().isEmpty() || key.toString().contains('=')
                    || (rendering == JOINED && key.toString().contains(','))) {
                return "'${name}' keys must be non-empty strings without '='${rendering == JOINED ? " or ','" : ''}"
            }
            if (rendering == CREDENTIAL_ENV && !(item instanceof CharSequence && !item.toString().trim().isEmpty())) {
                return "'${name}' value for '${key}' must be the ID of a Secret text credential, got ${typeOf(item)}"
            }
            if (!isScalar(item)) {
                return "'${name}' value for '${key}' must be a string, a number or a boolean, got ${typeOf(item)}"
            }
            if (rendering == JOINED && text(item).contains(',')) {
                return "'${name}' value for '${key}' must not contain ','"
            }
        }
        return null
    }

    @NonCPS
    private String wrongType(String expected, Object value) {
        return "'${name}' must be ${expected}, got ${typeOf(value)}"
    }

    @NonCPS
    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger
    }

    @NonCPS
    private static boolean isScalar(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
    }

    @NonCPS
    static String typeOf(Object value) {
        if (value == null) {
            return 'null'
        }
        if (value instanceof CharSequence) {
            return 'a string'
        }
        if (value instanceof Map) {
            return 'a map'
        }
        if (value instanceof List) {
            return 'a list'
        }
        if (value instanceof Number) {
            return 'a number'
        }
        if (value instanceof Boolean) {
            return 'a boolean'
        }
        return 'a ' + value.getClass().simpleName
    }

    @NonCPS
    private static String singular(String plural) {
        if (plural.endsWith('ies')) {
            return plural.substring(0, plural.length() - 3) + 'y'
        }
        return plural.endsWith('s') ? plural.substring(0, plural.length() - 1) : plural
    }
}
