package io.bakehouse.library

import static io.bakehouse.library.Parameter.BINDING
import static io.bakehouse.library.Parameter.BOOLEAN
import static io.bakehouse.library.Parameter.CREDENTIAL_ENV
import static io.bakehouse.library.Parameter.DURATION
import static io.bakehouse.library.Parameter.FLAG
import static io.bakehouse.library.Parameter.INT
import static io.bakehouse.library.Parameter.JOINED
import static io.bakehouse.library.Parameter.LIST
import static io.bakehouse.library.Parameter.MAP
import static io.bakehouse.library.Parameter.NEGATABLE
import static io.bakehouse.library.Parameter.OPTION
import static io.bakehouse.library.Parameter.PAIRS
import static io.bakehouse.library.Parameter.POSITIONAL
import static io.bakehouse.library.Parameter.REPEATED
import static io.bakehouse.library.Parameter.STRING

import com.cloudbees.groovy.cps.NonCPS

/**
 * The four steps and their parameters, exactly as docs/steps.md lists them: the one place
 * the shared library defines its step contract.
 */
class Steps {
    @NonCPS
    static List<StepSpec> all() {
        return [packerBuild(), publishAmiParam(), cfnDeploy(), ecsDeployRunner()]
    }

    @NonCPS
    static StepSpec named(String name) {
        StepSpec spec = all().find { it.name == name }
        if (spec == null) {
            throw new IllegalArgumentException("no bakehouse step named '${name}'")
        }
        return spec
    }

    /** Parameters every step takes; {@code credentialsId} is bound with {@code withCredentials}. */
    @NonCPS
    static List<Parameter> common() {
        return [string('region'), string('profile'), string('roleArn'), string('externalId'),
                string('roleSessionName'), string('endpointUrl'), new Parameter('credentialsId', STRING, BINDING, false)]
    }

    @NonCPS
    static StepSpec packerBuild() {
        return step('packerBuild', 'packer-build', [
                required('template'), map('vars'), new Parameter('sensitiveVars', MAP, CREDENTIAL_ENV, false),
                list('varFiles'), list('only'), list('except'), string('onError'), flag('force'),
                string('workingDir'), string('packer'), flag('rebake'), duration('timeout')])
    }

    @NonCPS
    static StepSpec publishAmiParam() {
        return step('publishAmiParam', 'publish-ami-param', [
                required('name'), string('amiId'), new Parameter('amis', MAP, JOINED, false), string('description'),
                map('tags'), string('tier'), string('dataType'), list('labels'), flag('noOverwrite'),
                flag('skipImageCheck'), flag('force')])
    }

    @NonCPS
    static StepSpec cfnDeploy() {
        return step('cfnDeploy', 'cfn-deploy', [
                required('stack'), required('template'), map('params'), string('paramsFile'), list('keepParams'),
                map('tags'), string('tagsFile'), list('capabilities'), string('cfnRoleArn'), list('notificationArns'),
                flag('terminationProtection'), string('onFailure'), flag('disableRollback'), list('rollbackAlarms'),
                new Parameter('monitoringMinutes', INT, OPTION, false), string('stackPolicy'), string('s3Bucket'),
                string('s3Prefix'), string('changeSetName'), flag('noExecute'), string('executeChangeSet'),
                flag('failOnEmptyChangeset'), new Parameter('replaceFailedStack', BOOLEAN, NEGATABLE, false),
                duration('timeout'), string('report')],
                [template: 'executeChangeSet'])
    }

    @NonCPS
    static StepSpec ecsDeployRunner() {
        return step('ecsDeployRunner', 'ecs-run', [
                new Parameter('container', STRING, POSITIONAL, true), new Parameter('script', STRING, POSITIONAL, true),
                new Parameter('args', LIST, POSITIONAL, false), string('invoker'), string('config'),
                new Parameter('taskCpu', INT, OPTION, false), new Parameter('taskMemory', INT, OPTION, false),
                duration('maxWaitTime'), flag('returnStatus')])
    }

    @NonCPS
    private static StepSpec step(String name, String command, List<Parameter> own,
                                 Map<String, String> requiredUnless = [:]) {
        return new StepSpec(name, command, own + common(), requiredUnless)
    }

    @NonCPS
    private static Parameter string(String name) {
        return new Parameter(name, STRING, OPTION, false)
    }

    @NonCPS
    private static Parameter required(String name) {
        return new Parameter(name, STRING, OPTION, true)
    }

    @NonCPS
    private static Parameter flag(String name) {
        return new Parameter(name, BOOLEAN, FLAG, false)
    }

    @NonCPS
    private static Parameter duration(String name) {
        return new Parameter(name, DURATION, OPTION, false)
    }

    @NonCPS
    private static Parameter list(String name) {
        return new Parameter(name, LIST, REPEATED, false)
    }

    @NonCPS
    private static Parameter map(String name) {
        return new Parameter(name, MAP, PAIRS, false)
    }
}
