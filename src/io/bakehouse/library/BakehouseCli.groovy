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
        String stdout = withBindings(bindings(given.credentialsId as String, call)) {
            return steps.sh([script: script, returnStdout: true, label: "bakehouse ${call.command()}".toString()]) as String
        }
        CliOutcome outcome = CliOutcome.of(stepName, stdout)
        if (outcome.failure != null) {
            steps.error(outcome.failure)
        }
        return outcome.result
    }

    /**
     * The credential bindings of a call: the AWS key pair of {@code credentialsId} (if given) as
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, and each Secret text credential the
     * call names as its generated variable.
     */
    List bindings(String credentialsId, CliCall call) {
        List bindings = []
        if (credentialsId != null) {
            bindings << steps.usernamePassword(credentialsId: credentialsId,
                    usernameVariable: 'AWS_ACCESS_KEY_ID', passwordVariable: 'AWS_SECRET_ACCESS_KEY')
        }
        for (Map<String, String> secret : call.secretBindings()) {
            bindings << steps.string(credentialsId: secret.credentialsId, variable: secret.variable)
        }
        return bindings
    }

    /** Runs {@code body} inside {@code withCredentials(bindings)}, or as it is without any. */
    String withBindings(List bindings, Closure body) {
        if (bindings.isEmpty()) {
            return body()
        }
        String stdout = null
        steps.withCredentials(bindings) {
            stdout = body()
        }
        return stdout
    }
}
