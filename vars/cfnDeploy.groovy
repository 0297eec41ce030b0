import io.bakehouse.library.BakehouseCli

/**
 * cfnDeploy: runs `bakehouse cfn-deploy` on the agent and returns its result as a map.
 * Parameters and result: vars/cfnDeploy.txt and docs/steps.md.
 */
Map call(Map args = [:]) {
    return new BakehouseCli(this).run('cfnDeploy', args)
}
