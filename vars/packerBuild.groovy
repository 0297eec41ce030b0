import io.bakehouse.library.BakehouseCli

/**
 * packerBuild: runs `bakehouse packer-build` on the agent and returns its result as a map.
 * Parameters and result: vars/packerBuild.txt and docs/steps.md.
 */
Map call(Map args = [:]) {
    return new BakehouseCli(this).run('packerBuild', args)
}
