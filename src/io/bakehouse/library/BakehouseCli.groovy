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
        String stdout = withBindings(bindings(stepName, given.credentialsId as String, call)) {
            return steps.sh([script: script, returnStdout: true, label: "bakehouse ${call.command()}".toString()]) as String
        }
        CliOutcome outcome = CliOutcome.of(stepName, stdout)
        if (outcome.failure != null) {
            steps.error(outcome.failure)
        }
        return outcome.result
    }

    /**
     * The credential bindings of a call: the AWS keys of {@code credentialsId} (if given) as
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, and each Secret text credential the
     * call names as its generated variable.
     */
    List bindings(String stepName, String credentialsId, CliCall call) {
        List bindings = []
        if (credentialsId != null) {
            bindings << keyBinding(stepName, credentialsId)
        }
        for (Map<String, String> secret : call.secretBindings()) {
            bindings << steps.string(credentialsId: secret.credentialsId, variable: secret.variable)
        }
        return bindings
    }

    /**
     * The binding of {@code credentialsId}'s keys: {@code aws(...)} for an AWS credential (which
     * also binds {@code AWS_SESSION_TOKEN} when the credential names a role: the aws-credentials
     * plugin assumes it, then the CLI assumes {@code roleArn} on top), {@code usernamePassword(...)}
     * for the rest. An AWS credential with an MFA device fails the step: nobody can type its token.
     */
    Object keyBinding(String stepName, String credentialsId) {
        String kind = CredentialKind.of(steps, credentialsId)
        if (kind == CredentialKind.AWS_WITH_MFA) {
            steps.error("${stepName}: credentialsId: credential '${credentialsId}' is protected by an MFA device: using it"
                    + ' needs a token from that device, which a pipeline cannot type (use an AWS credential without an'
                    + " MFA device serial number, whose role's trust policy does not ask for MFA)")
        }
        if (kind == CredentialKind.AWS) {
            return steps.aws(credentialsId: credentialsId, accessKeyVariable: 'AWS_ACCESS_KEY_ID',
                    secretKeyVariable: 'AWS_SECRET_ACCESS_KEY')
        }
        return steps.usernamePassword(credentialsId: credentialsId,
                usernameVariable: 'AWS_ACCESS_KEY_ID', passwordVariable: 'AWS_SECRET_ACCESS_KEY')
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
