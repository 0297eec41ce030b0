package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * One run of the bakehouse CLI: its argument vector and the POSIX sh script that runs it.
 * Every word is single-quoted, so no value can end its argument, start another or be
 * expanded by the shell. Secret words never enter the script: they travel in environment
 * variables that the script expands inside double quotes (one word each, not re-expanded),
 * so they reach neither the build log nor the script file.
 */
class CliCall implements Serializable {
    private static final long serialVersionUID = 1L

    /** Where the script template puts the arguments. */
    static final String ARGUMENTS_MARKER = 'BAKEHOUSE_ARGUMENTS'
    static final String SECRET_VARIABLE_PREFIX = 'BAKEHOUSE_SECRET_ARG_'

    final String step
    /** The words after the CLI's own path; a secret word is null here. */
    private final List<String> words = []
    private final List<String> secrets = []

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

    @NonCPS
    CliCall addSecret(String word) {
        add(word)
        words[words.size() - 1] = null
        secrets << word
        return this
    }

    /** The arguments as the CLI receives them, secrets shown as {@code ****}. */
    @NonCPS
    List<String> maskedArguments() {
        return words.collect { it == null ? '****' : it }
    }

    /** The subcommand, e.g. {@code publish-ami-param}. */
    @NonCPS
    String command() {
        return words[0]
    }

    /** {@code withEnv} entries holding the secret words. */
    @NonCPS
    List<String> environment() {
        List<String> entries = []
        secrets.eachWithIndex { String secret, int i -> entries << "${SECRET_VARIABLE_PREFIX}${i + 1}=${secret}".toString() }
        return entries
    }

    /** The script: {@code template} with the quoted arguments in place of its marker. */
    @NonCPS
    String script(String template) {
        int at = template.indexOf(ARGUMENTS_MARKER)
        if (at < 0 || template.indexOf(ARGUMENTS_MARKER, at + 1) >= 0) {
            throw new IllegalStateException("the CLI script template must hold the ${ARGUMENTS_MARKER} marker exactly once")
        }
        int secret = 0
        List<String> rendered = words.collect { it == null ? "\"\$${SECRET_VARIABLE_PREFIX}${++secret}\"".toString() : quote(it) }
        return template.substring(0, at) + rendered.join(' ') + template.substring(at + ARGUMENTS_MARKER.length())
    }

    /** {@code word} as one single-quoted POSIX shell word. */
    @NonCPS
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'"
    }
}
