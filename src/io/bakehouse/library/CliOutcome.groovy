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
        if (status == 'cli-not-found') {
            return new CliOutcome(null, null, "${step}: cannot find the bakehouse CLI: bake it into the agent image"
                    + ' (on PATH) or set BAKEHOUSE_CLI to its path')
        }
        if (status == 'cli-not-executable') {
            return new CliOutcome(null, null, "${step}: the bakehouse CLI is not executable: check BAKEHOUSE_CLI or the agent image")
        }
        if (!(status ==~ /[0-9]+/)) {
            return new CliOutcome(null, null, "${step}: the bakehouse CLI did not report an exit status; see the log above")
        }
        int code = status as int
        if (code != 0) {
            Map exited = exitedTask(text.substring(0, at).trim())
            if (exited != null) {
                return new CliOutcome(code, null, "${step}: the task's container exited with code ${exited.exitCode}"
                        + " (task ${exited.taskArn}); its log is above (returnStatus: true returns the code instead of failing)")
            }
            return new CliOutcome(code, null, "${step}: ${step == 'ecsDeployRunner' ? ecsRunMeaning(code) : meaning(code)}")
        }
        return parsed(step, text.substring(0, at).trim())
    }

    /**
     * ecs-run's result when {@code json} is one: ecs-run prints it exactly when the task's
     * container exited, and then exits with the container's code (a code outside 0-255 as 1),
     * which means nothing about the CLI itself. Else null.
     */
    @NonCPS
    private static Map exitedTask(String json) {
        if (!json.startsWith('{')) {
            return null
        }
        try {
            Object value = new JsonSlurperClassic().parseText(json)
            if (value instanceof Map && value.exitCode instanceof Number && value.taskArn) {
                return (Map) value
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
            case 130:
            case 143:
                return "was interrupted (bakehouse exit code ${code}); the work it started was stopped"
            default:
                return "failed (bakehouse exit code ${code}): see the messages above"
        }
    }

    /**
     * What ecs-run's own exit codes mean (docs/steps/ecs-run.md, "Exit codes"): its container's code passes through,
     * and without a result on stdout the code is ecs-run's.
     */
    @NonCPS
    static String ecsRunMeaning(int code) {
        switch (code) {
            case 125:
                return 'the request was refused (ecs-run exit code 125: bad parameter or input, or the gatekeeper said no;'
                        + ' nothing was started): see the message above'
            case 126:
                return 'the task did not run (ecs-run exit code 126: it could not be started, or ECS stopped it before'
                        + ' its container ran): see the message above'
            case 127:
                return 'the task did not finish (ecs-run exit code 127: the wait ran out or could not go on); it was stopped:'
                        + ' see the message above'
            case 130:
            case 143:
                return "was interrupted (ecs-run exit code ${code}); the task was stopped"
            default:
                return "failed (ecs-run exit code ${code}, without a result): see the messages above"
        }
    }
}
