package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * One run of the bakehouse CLI: its argument vector, the POSIX sh script that runs it, and
 * the credentials to bind around it. Every word is single-quoted, so no value can end its
 * argument, start another or be expanded by the shell. Secrets never enter the script nor
 * the argument vector (which every process on the agent can read): the call names Secret
 * text credentials, the step binds each to a generated environment variable with
 * {@code withCredentials}, and the CLI is told only the variable's name
 * ({@code --sensitive-var-env NAME=BAKEHOUSE_SENSITIVE_1}).
 */
class CliCall implements Serializable {
    private static final long serialVersionUID = 1L

    /** Where the script template puts the arguments. */
    static final String ARGUMENTS_MARKER = 'BAKEHOUSE_ARGUMENTS'
    static final String SECRET_VARIABLE_PREFIX = 'BAKEHOUSE_SENSITIVE_'

    final String step
    /** The words after the CLI's own path. */
    private final List<String> words = []
    /** Credential IDs of Secret text credentials, bound in this order to the generated variables. */
    private final List<String> secretCredentials = []

    CliCall(String step) {
        this.step = step
    }

    @NonCPS
    CliCall add(String word) {
        if (word.indexOf((int) 0) >= 0) {
            throw new IllegalArgumentException("${step}: a value contains a NUL character, which no command argument can hold")
        }
        words << word
        return this
    }

    /**
     * Binds Secret text credential {@code credentialsId} for this call; returns the name of the
     * environment variable that will hold its value.
     */
    @NonCPS
    String bindSecret(String credentialsId) {
        secretCredentials << credentialsId
        return "${SECRET_VARIABLE_PREFIX}${secretCredentials.size()}".toString()
    }

    /** The arguments as the CLI receives them: no secret among them. */
    @NonCPS
    List<String> arguments() {
        return List.copyOf(words)
    }

    /** The subcommand, e.g. {@code publish-ami-param}. */
    @NonCPS
    String command() {
        return words[0]
    }

    /** The Secret text credentials to bind: maps of {@code credentialsId} and {@code variable}. */
    @NonCPS
    List<Map<String, String>> secretBindings() {
        List<Map<String, String>> bindings = []
        secretCredentials.eachWithIndex { String id, int i ->
            bindings << [credentialsId: id, variable: "${SECRET_VARIABLE_PREFIX}${i + 1}".toString()]
        }
        return bindings
    }

    /** The script: {@code template} with the quoted arguments in place of its marker. */
    @NonCPS
    String script(String template) {
        int at = template.indexOf(ARGUMENTS_MARKER)
        if (at < 0 || template.indexOf(ARGUMENTS_MARKER, at + 1) >= 0) {
            throw new IllegalStateException("the CLI script template must hold the ${ARGUMENTS_MARKER} marker exactly once")
        }
        List<String> rendered = words.collect { quote(it) }
        return template.substring(0, at) + rendered.join(' ') + template.substring(at + ARGUMENTS_MARKER.length())
    }

    /** {@code word} as one single-quoted POSIX shell word. */
    @NonCPS
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'"
    }
}
