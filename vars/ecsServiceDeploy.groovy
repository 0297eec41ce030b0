import io.bakehouse.library.BakehouseCli

/**
 * ecsServiceDeploy: runs `bakehouse ecs-service-deploy` on the agent and returns its result as a map.
 * Parameters and result: vars/ecsServiceDeploy.txt and docs/steps.md. Generated from the step
 * contract (engine/src/main/resources/io/bakehouse/engine/contract/) by `make contract`.
 */
Map call(Map args = [:]) {
    return new BakehouseCli(this).run('ecsServiceDeploy', args)
}
