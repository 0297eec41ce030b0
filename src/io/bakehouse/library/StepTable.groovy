package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * The steps of the shared library and their parameters: name, type, how the value becomes CLI
 * arguments (a rendering of Parameter), whether it is required (unless, by the step's
 * requiredUnless, the parameter named there is given), and the CLI option where the
 * spelling rule does not give it. Generated from the step contract
 * (engine/src/main/resources/io/bakehouse/engine/contract/) by `make contract`: edit the contract, not this.
 */
class StepTable {
    /** Each step with its own parameters. */
    @NonCPS
    static List<Map> steps() {
        return [
                [name: 'publishAmiParam', command: 'publish-ami-param', requiredUnless: [:], parameters: [
                        [name: 'name', type: 'string', rendering: 'option', required: true],
                        [name: 'amiId', type: 'string', rendering: 'option', required: false],
                        [name: 'amis', type: 'map', rendering: 'joined', required: false],
                        [name: 'description', type: 'string', rendering: 'option', required: false],
                        [name: 'tags', type: 'map', rendering: 'pairs', required: false],
                        [name: 'tier', type: 'string', rendering: 'option', required: false],
                        [name: 'dataType', type: 'string', rendering: 'option', required: false],
                        [name: 'labels', type: 'list', rendering: 'repeated', required: false],
                        [name: 'noOverwrite', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'skipImageCheck', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'force', type: 'boolean', rendering: 'flag', required: false],
                ]],
                [name: 'cfnDeploy', command: 'cfn-deploy', requiredUnless: [template: 'executeChangeSet'], parameters: [
                        [name: 'stack', type: 'string', rendering: 'option', required: true],
                        [name: 'template', type: 'string', rendering: 'option', required: true],
                        [name: 'params', type: 'map', rendering: 'pairs', required: false],
                        [name: 'paramsFile', type: 'string', rendering: 'option', required: false],
                        [name: 'keepParams', type: 'list', rendering: 'repeated', required: false],
                        [name: 'tags', type: 'map', rendering: 'pairs', required: false],
                        [name: 'tagsFile', type: 'string', rendering: 'option', required: false],
                        [name: 'capabilities', type: 'list', rendering: 'repeated', required: false],
                        [name: 'cfnRoleArn', type: 'string', rendering: 'option', required: false],
                        [name: 'notificationArns', type: 'list', rendering: 'repeated', required: false],
                        [name: 'terminationProtection', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'onFailure', type: 'string', rendering: 'option', required: false],
                        [name: 'disableRollback', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'rollbackAlarms', type: 'list', rendering: 'repeated', required: false],
                        [name: 'monitoringMinutes', type: 'int', rendering: 'option', required: false],
                        [name: 'stackPolicy', type: 'string', rendering: 'option', required: false],
                        [name: 's3Bucket', type: 'string', rendering: 'option', required: false],
                        [name: 's3Prefix', type: 'string', rendering: 'option', required: false],
                        [name: 'changeSetName', type: 'string', rendering: 'option', required: false],
                        [name: 'noExecute', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'executeChangeSet', type: 'string', rendering: 'option', required: false],
                        [name: 'failOnEmptyChangeset', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'replaceFailedStack', type: 'boolean', rendering: 'negatable', required: false],
                        [name: 'timeout', type: 'duration', rendering: 'option', required: false],
                        [name: 'report', type: 'string', rendering: 'option', required: false],
                ]],
                [name: 'packerBuild', command: 'packer-build', requiredUnless: [:], parameters: [
                        [name: 'template', type: 'string', rendering: 'option', required: true],
                        [name: 'vars', type: 'map', rendering: 'pairs', required: false],
                        [name: 'sensitiveVars', type: 'map', rendering: 'credential-env', required: false],
                        [name: 'varFiles', type: 'list', rendering: 'repeated', required: false],
                        [name: 'only', type: 'list', rendering: 'repeated', required: false],
                        [name: 'except', type: 'list', rendering: 'repeated', required: false],
                        [name: 'onError', type: 'string', rendering: 'option', required: false],
                        [name: 'force', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'workingDir', type: 'string', rendering: 'option', required: false],
                        [name: 'packer', type: 'string', rendering: 'option', required: false],
                        [name: 'rebake', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'timeout', type: 'duration', rendering: 'option', required: false],
                ]],
                [name: 'ecsDeployRunner', command: 'ecs-run', requiredUnless: [:], parameters: [
                        [name: 'container', type: 'string', rendering: 'positional', required: true],
                        [name: 'script', type: 'string', rendering: 'positional', required: true],
                        [name: 'args', type: 'list', rendering: 'positional', required: false],
                        [name: 'invoker', type: 'string', rendering: 'option', required: false],
                        [name: 'config', type: 'string', rendering: 'option', required: false],
                        [name: 'taskCpu', type: 'int', rendering: 'option', required: false],
                        [name: 'taskMemory', type: 'int', rendering: 'option', required: false],
                        [name: 'maxWaitTime', type: 'duration', rendering: 'option', required: false],
                        [name: 'returnStatus', type: 'boolean', rendering: 'flag', required: false],
                ]],
                [name: 'ecsServiceDeploy', command: 'ecs-service-deploy', requiredUnless: [:], parameters: [
                        [name: 'cluster', type: 'string', rendering: 'option', required: true],
                        [name: 'service', type: 'string', rendering: 'option', required: true],
                        [name: 'image', type: 'string', rendering: 'option', required: false],
                        [name: 'images', type: 'map', rendering: 'pairs', required: false, option: '--images'],
                        [name: 'timeout', type: 'duration', rendering: 'option', required: false],
                        [name: 'maxFindings', type: 'map', rendering: 'joined', required: false],
                        [name: 'forceNewDeployment', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'report', type: 'string', rendering: 'option', required: false],
                ]],
                [name: 'publishSite', command: 'publish-site', requiredUnless: [:], parameters: [
                        [name: 'dir', type: 'string', rendering: 'option', required: true],
                        [name: 'bucket', type: 'string', rendering: 'option', required: true],
                        [name: 'prefix', type: 'string', rendering: 'option', required: false],
                        [name: 'distributionId', type: 'string', rendering: 'option', required: false],
                        [name: 'delete', type: 'boolean', rendering: 'negatable', required: false],
                        [name: 'cacheControl', type: 'map', rendering: 'pairs', required: false],
                        [name: 'invalidate', type: 'list', rendering: 'repeated', required: false],
                        [name: 'wait', type: 'boolean', rendering: 'negatable', required: false],
                        [name: 'dryRun', type: 'boolean', rendering: 'flag', required: false],
                        [name: 'allowEmpty', type: 'boolean', rendering: 'flag', required: false],
                ]],
        ]
    }

    /** The parameters every step takes, after its own. */
    @NonCPS
    static List<Map> common() {
        return [
                [name: 'region', type: 'string', rendering: 'option', required: false],
                [name: 'profile', type: 'string', rendering: 'option', required: false],
                [name: 'roleArn', type: 'string', rendering: 'option', required: false],
                [name: 'externalId', type: 'string', rendering: 'option', required: false],
                [name: 'roleSessionName', type: 'string', rendering: 'option', required: false],
                [name: 'endpointUrl', type: 'string', rendering: 'option', required: false],
                [name: 'credentialsId', type: 'string', rendering: 'binding', required: false],
        ]
    }
}
