package io.bakehouse.jenkins;

import java.io.Serializable;

/**
 * The defaults an administrator set under Manage Jenkins (see {@link BakehouseGlobalConfiguration}),
 * as a plain value so steps and tests need no running Jenkins to use them.
 *
 * @param region          region for steps that name none (before AWS_REGION on the agent)
 * @param roleArn         role to assume for steps that name none
 * @param invokerFunction the deploy runner's invoker Lambda for {@code ecsDeployRunner}
 */
public record PluginDefaults(String region, String roleArn, String invokerFunction) implements Serializable {

    public static final PluginDefaults NONE = new PluginDefaults(null, null, null);

    public PluginDefaults {
        region = Texts.blankToNull(region);
        roleArn = Texts.blankToNull(roleArn);
        invokerFunction = Texts.blankToNull(invokerFunction);
    }
}
