package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * What one run of the CLI came to: its exit status and either the parsed JSON result (plain,
 * serialisable maps and lists) or a one-line explanation of the failure. The CLI's own
 * messages have already gone to the build log (its stderr); this only says what they mean.
 */
class CliOutcome implements Serializable {
    private static final long serialVersionUID = 1L

    /** The script prints this, then the exit status, after everything the CLI printed on stdout. */
    static final String STATUS_PREFIX = 'bakehouse-exit-code='

    final Integer exitCode
    final Map result
    final String failure

    private CliOutcome(Integer exitCode, Map result, String failure) {
        this.exitCode = exitCode
        this.result = result
        this.failure = failure
    }

    @NonCPS
    static CliOutcome of(String step, String stdout) {
        String text = stdout ?: ''
        int at = text.lastIndexOf(STATUS_PREFIX)
        String status = at < 0 ? '' : text.substring(at + STATUS_PREFIX.length()).trim()
        if (!(status ==~ /[0-9]+/)) {
            return new CliOutcome(null, null, "${step}: the bakehouse CLI did not report an exit status; see the log above")
        }
        int code = status as int
        if (code != 0) {
            String task = exitedTask(text.substring(0, at).trim(), code)
            if (task != null) {
                return new CliOutcome(code, null, "${step}: the task's container exited with code ${code}"
                        + " (task ${task}); its log is above")
            }
            return new CliOutcome(code, null, "${step}: ${meaning(code)}")
        }
        return parsed(step, text.substring(0, at).trim())
    }

    /**
     * The task ARN when {@code json} is ecs-run's result for a container that exited with
     * {@code code} (ecs-run exits with the container's code, which means nothing about the CLI
     * itself), else null.
     */
    @NonCPS
    private static String exitedTask(String json, int code) {
        if (!json.startsWith('{')) {
            return null
        }
        try {
            Object value = new JsonSlurperClassic().parseText(json)
            if (value instanceof Map && value.exitCode instanceof Number && value.exitCode == code && value.taskArn) {
                return value.taskArn as String
            }
        } catch (RuntimeException ignored) {
            // not a result: the exit code speaks for the CLI
        }
        return null
    }

    @NonCPS
    private static CliOutcome parsed(String step, String json) {
        if (json.isEmpty()) {
            return new CliOutcome(0, null, "${step}: the bakehouse CLI printed no result (is it older than this library?)")
        }
        Object value
        try {
            value = new JsonSlurperClassic().parseText(json)
        } catch (RuntimeException e) {
            return new CliOutcome(0, null, "${step}: the bakehouse CLI printed something other than a JSON result: ${e.message?.readLines()?.first()}")
        }
        if (!(value instanceof Map)) {
            return new CliOutcome(0, null, "${step}: the bakehouse CLI's result is not a JSON object")
        }
        return new CliOutcome(0, (Map) value, null)
    }

    @NonCPS
    static String meaning(int code) {
        switch (code) {
            case 1:
                return 'failed (bakehouse exit code 1): the reason is in the messages above'
            case 2:
                return 'the bakehouse CLI rejected the arguments (exit code 2, usage error; nothing was done): see the message above'
            case 126:
                return 'the bakehouse CLI is not executable (exit code 126): check BAKEHOUSE_CLI or the agent image'
            case 127:
                return 'cannot find the bakehouse CLI (exit code 127): bake it into the agent image (on PATH) or set BAKEHOUSE_CLI to its path'
            case 130:
            case 143:
                return "was interrupted (bakehouse exit code ${code}); the work it started was stopped"
            default:
                return "failed (bakehouse exit code ${code}): see the messages above"
        }
    }
}
