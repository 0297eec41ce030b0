package io.bakehouse.jenkins;

import io.bakehouse.engine.aws.AwsSettings;
import java.io.Serializable;

/**
 * The AWS parameters every step takes (docs/steps.md, "Common parameters"), as the step
 * received them. {@code credentialsId} names a Jenkins credential; it is resolved on the
 * controller at run time and only its keys (and the role it names) travel to the agent,
 * inside {@link AwsSettings}.
 */
public record AwsOptions(String region, String roleArn, String externalId, String roleSessionName,
                         String endpointUrl, String credentialsId) implements Serializable {

    public AwsOptions {
        region = Texts.blankToNull(region);
        roleArn = Texts.blankToNull(roleArn);
        externalId = Texts.blankToNull(externalId);
        roleSessionName = Texts.blankToNull(roleSessionName);
        endpointUrl = Texts.blankToNull(endpointUrl);
        credentialsId = Texts.blankToNull(credentialsId);
    }

    public static final AwsOptions NONE = new AwsOptions(null, null, null, null, null, null);

    /** These options with the administrator's defaults filling what the step left out. */
    public AwsOptions withDefaults(PluginDefaults defaults) {
        return new AwsOptions(region != null ? region : defaults.region(),
                roleArn != null ? roleArn : defaults.roleArn(),
                externalId, roleSessionName, endpointUrl, credentialsId);
    }

    /**
     * The engine's settings for these options and the resolved credential (or {@code null} for
     * the agent's own identity): its keys, and its role, assumed before {@code roleArn}.
     * Validates every value, naming the parameter.
     */
    public AwsSettings toSettings(AwsCredentials.Identity credential) {
        return new AwsSettings(region, null, credential == null ? null : credential.keys(),
                credential == null ? null : credential.role(), roleArn, externalId, roleSessionName,
                endpointUrl, false, 0);
    }
}
