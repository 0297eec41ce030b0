package io.bakehouse.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.bakehouse.engine.error.InvalidInputException;

/**
 * The credentials of the aws-credentials plugin, an optional dependency. Every reference to
 * that plugin's types is in this class, and {@link AwsCredentials} calls it only while the
 * plugin is active: without the plugin this class is never loaded, and the Bakehouse plugin
 * works with username/password credentials alone.
 *
 * <p>The fields are read as they are: the keys are not exchanged on the controller (as the
 * credential's own {@code resolveCredentials()} would, by calling STS from there); the role it
 * names is assumed by the engine on the agent, before the step's {@code roleArn}.
 */
final class AmazonCredentials {

    private AmazonCredentials() {
    }

    /** The credential type, for the credentials drop-down. */
    static Class<? extends StandardCredentials> type() {
        return AmazonWebServicesCredentials.class;
    }

    static boolean isOne(StandardCredentials credential) {
        return credential instanceof AmazonWebServicesCredentials;
    }

    /** The identity {@code credential} stands for (an {@link AmazonWebServicesCredentials}); see {@link AwsCredentials#toIdentity}. */
    static AwsCredentials.Identity identity(String credentialsId, StandardCredentials credential) {
        if (!(credential instanceof AWSCredentialsImpl aws)) {
            throw new InvalidInputException("credentialsId", "credential '" + credentialsId + "' is an AWS credential of"
                    + " a kind whose keys Bakehouse cannot read (" + credential.getClass().getName() + ")",
                    "use the aws-credentials plugin's own AWS Credentials, or a username/password credential");
        }
        return AwsCredentials.toIdentity(credentialsId, aws.getAccessKey(), aws.getSecretKey().getPlainText(),
                aws.getIamRoleArn(), aws.getIamExternalId(), aws.getIamMfaSerialNumber());
    }
}
