package io.bakehouse.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.PluginWrapper;
import hudson.model.Run;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.aws.RoleToAssume;
import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;

/**
 * Resolves a step's {@code credentialsId}. Two kinds of Jenkins credential hold AWS keys:
 * <ul>
 * <li>an <em>AWS Credentials</em> credential of the aws-credentials plugin (an optional
 * dependency: {@link AmazonCredentials} reads it, and is touched only while that plugin is
 * active): its keys, and the IAM role it names (with its external ID), which the keys assume
 * before the step's own {@code roleArn}; one that asks for an MFA token is refused, since a
 * pipeline cannot type one;</li>
 * <li>a username/password credential whose username is the access key ID and whose password
 * is the secret access key.</li>
 * </ul>
 * Looked up as the build (so folder and job credentials apply), recorded as used by the build,
 * and never written anywhere: only {@link Identity}, whose text hides the secret, leaves this class.
 */
public final class AwsCredentials {

    /** The short name of the plugin whose credential type this class accepts when it is active. */
    static final String AWS_CREDENTIALS_PLUGIN = "aws-credentials";
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    private AwsCredentials() {
    }

    /** What a credential stands for: its keys, and the role they assume first ({@code null}: none). */
    public record Identity(StaticCredentials keys, RoleToAssume role) {
    }

    /** The credential types {@code credentialsId} may name in this Jenkins: username/password, and AWS ones when their plugin is active. */
    public static List<Class<? extends StandardCredentials>> types() {
        return awsCredentialsPluginActive()
                ? List.of(StandardUsernamePasswordCredentials.class, AmazonCredentials.type())
                : List.of(StandardUsernamePasswordCredentials.class);
    }

    /** The identity of credential {@code credentialsId} for {@code run}; fails if it is missing, of another kind or unusable. */
    public static Identity resolve(Run<?, ?> run, String credentialsId) {
        StandardCredentials found = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        boolean aws = awsCredentialsPluginActive();
        if (found instanceof StandardUsernamePasswordCredentials userPassword) {
            CredentialsProvider.track(run, userPassword);
            return new Identity(toKeys(credentialsId, userPassword.getUsername(),
                    userPassword.getPassword().getPlainText()), null);
        }
        if (aws && found != null && AmazonCredentials.isOne(found)) {
            CredentialsProvider.track(run, found);
            return AmazonCredentials.identity(credentialsId, found);
        }
        String kinds = aws ? "an AWS credential or a username/password one" : "a username/password credential";
        String what = found == null ? "does not name a credential this build may use"
                : "is a " + found.getDescriptor().getDisplayName() + " credential";
        throw new InvalidInputException("credentialsId", "credentialsId '" + credentialsId + "' " + what
                + ": it must name " + kinds,
                (aws ? "add AWS Credentials with the access key ID, the secret key and optionally an IAM role, or " : "add ")
                        + "a username/password credential holding the access key ID as username and the secret key"
                        + " as password, or leave credentialsId out to use the agent's role");
    }

    /** Checks and maps a credential's username and password to AWS keys; messages never show the secret. */
    public static StaticCredentials toKeys(String credentialsId, String username, String password) {
        return keys(credentialsId, username, password, Fields.USERNAME_PASSWORD);
    }

    /**
     * Checks and maps what an AWS credential holds: its keys, and the IAM role (with external ID)
     * it names, if any. One with an MFA device is refused: using it needs a token from that device,
     * and a pipeline has nobody to type it. Messages never show the secret.
     */
    public static Identity toIdentity(String credentialsId, String accessKey, String secretKey, String iamRoleArn,
                                      String iamExternalId, String iamMfaSerialNumber) {
        if (Texts.blankToNull(iamMfaSerialNumber) != null) {
            throw new InvalidInputException("credentialsId", "credential '" + credentialsId
                    + "' is protected by an MFA device: using it needs a token from that device, which a pipeline"
                    + " cannot type", "use an AWS credential without an MFA device serial number, whose role's trust"
                    + " policy does not ask for MFA");
        }
        StaticCredentials keys = keys(credentialsId, accessKey, secretKey, Fields.AWS);
        String roleArn = Texts.blankToNull(iamRoleArn);
        if (roleArn != null && !AwsSettings.isRoleArn(roleArn)) {
            throw new InvalidInputException("credentialsId", "credential '" + credentialsId + "' names IAM role '"
                    + roleArn + "', which is not an IAM role ARN",
                    "set its IAM Role To Use to the form arn:aws:iam::123456789012:role/NAME");
        }
        return new Identity(keys, roleArn == null ? null : new RoleToAssume(roleArn, iamExternalId));
    }

    /** Where each kind of credential keeps the two keys, as its form names them, and what to set there. */
    private enum Fields {
        USERNAME_PASSWORD("username", "password",
                "set the username to the access key ID (AKIA... or ASIA...) and the password to the secret key"),
        AWS("Access Key ID", "Secret Access Key", "set its Access Key ID (AKIA... or ASIA...)");

        private final String key;
        private final String secret;
        private final String keyHint;

        Fields(String key, String secret, String keyHint) {
            this.key = key;
            this.secret = secret;
            this.keyHint = keyHint;
        }
    }

    private static StaticCredentials keys(String credentialsId, String accessKeyId, String secretKey, Fields fields) {
        String keyId = Texts.blankToNull(accessKeyId);
        if (keyId == null || !ACCESS_KEY_ID.matcher(keyId).matches()) {
            throw new InvalidInputException("credentialsId", "credential '" + credentialsId
                    + "' does not hold an AWS access key ID as its " + fields.key, fields.keyHint);
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new InvalidInputException("credentialsId", "credential '" + credentialsId
                    + "' has an empty " + fields.secret, "set the " + fields.secret + " to the secret access key");
        }
        return new StaticCredentials(keyId, secretKey, null);
    }

    /** Whether the aws-credentials plugin is installed and active, so that its classes may be touched. */
    private static boolean awsCredentialsPluginActive() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        PluginWrapper plugin = jenkins == null ? null : jenkins.getPluginManager().getPlugin(AWS_CREDENTIALS_PLUGIN);
        return plugin != null && plugin.isActive();
    }
}
