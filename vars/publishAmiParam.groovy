import io.bakehouse.library.BakehouseCli

/**
 * publishAmiParam: runs `bakehouse publish-ami-param` on the agent and returns its result as a map.
 * Parameters and result: vars/publishAmiParam.txt and docs/steps.md.
 */
Map call(Map args = [:]) {
    return new BakehouseCli(this).run('publishAmiParam', args)
}
