package io.bakehouse.library

/**
 * Runs a step through the bakehouse CLI on the agent: checks the arguments, runs the CLI with
 * {@code --output json} through {@code sh}, and returns its result as a plain map. This class
 * calls pipeline steps, so it stays CPS-transformed; the pure work lives in @NonCPS helpers.
 * Methods called from closures are not private: CPS-transformed closures cannot call them.
 */
class BakehouseCli implements Serializable {
    private static final long serialVersionUID = 1L

    static final String SCRIPT_TEMPLATE = 'io/bakehouse/library/run-bakehouse.sh'

    /** The pipeline script ({@code this} of a var): gives access to steps such as sh and error. */
    private final Object steps

    BakehouseCli(Object steps) {
        this.steps = steps
    }

    Map run(String stepName, Map args) {
        StepSpec spec = Steps.named(stepName)
        Map given = args == null ? [:] : args
        String problem = spec.problems(given)
        if (problem != null) {
            steps.error(problem)
        }
        CliCall call = spec.cliCall(given)
        String script = call.script(steps.libraryResource(SCRIPT_TEMPLATE) as String)
        String stdout = withAwsCredentials(given.credentialsId as String) {
            return shell(call, script)
        }
        CliOutcome outcome = CliOutcome.of(stepName, stdout)
        if (outcome.failure != null) {
            steps.error(outcome.failure)
        }
        return outcome.result
    }

    /** Runs {@code body} with the credential's key pair as AWS variables, or as it is without one. */
    String withAwsCredentials(String credentialsId, Closure body) {
        if (credentialsId == null) {
            return body()
        }
        String stdout = null
        steps.withCredentials([steps.usernamePassword(credentialsId: credentialsId,
                usernameVariable: 'AWS_ACCESS_KEY_ID', passwordVariable: 'AWS_SECRET_ACCESS_KEY')]) {
            stdout = body()
        }
        return stdout
    }

    /** Runs the script; secret words travel in its environment. Returns what it printed. */
    String shell(CliCall call, String script) {
        Map shArgs = [script: script, returnStdout: true, label: "bakehouse ${call.command()}".toString()]
        List<String> environment = call.environment()
        if (environment.isEmpty()) {
            return steps.sh(shArgs) as String
        }
        String stdout = null
        steps.withEnv(environment) {
            stdout = steps.sh(shArgs) as String
        }
        return stdout
    }
}
