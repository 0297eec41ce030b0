package io.bakehouse.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Resolves a step's {@code credentialsId}: a Jenkins username/password credential whose
 * username is the access key ID and whose password is the secret access key. Looked up
 * as the build (so folder and job credentials apply), recorded as used by the build, and
 * never written anywhere: only {@link StaticCredentials}, whose text hides the secret,
 * leaves this class.
 */
public final class AwsCredentials {

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    private AwsCredentials() {
    }

    /** The keys of credential {@code credentialsId} for {@code run}; fails if it is missing or of another kind. */
    public static StaticCredentials resolve(Run<?, ?> run, String credentialsId) {
        StandardUsernamePasswordCredentials found =
                CredentialsProvider.findCredentialById(credentialsId, StandardUsernamePasswordCredentials.class, run);
        if (found == null) {
            throw new InvalidInputException("credentialsId", "credentialsId '" + credentialsId
                    + "' does not name a username/password credential this build may use",
                    "add one holding the access key ID as username and the secret key as password,"
                            + " or leave credentialsId out to use the agent's role");
        }
        CredentialsProvider.track(run, found);
        return toKeys(credentialsId, found.getUsername(), found.getPassword().getPlainText());
    }

    /** Checks and maps a credential's username and password to AWS keys; messages never show the secret. */
    public static StaticCredentials toKeys(String credentialsId, String username, String password) {
        String keyId = Texts.blankToNull(username);
        if (keyId == null || !ACCESS_KEY_ID.matcher(keyId).matches()) {
            throw new InvalidInputException("credentialsId", "credential '" + credentialsId
                    + "' does not hold an AWS access key ID as its username",
                    "set the username to the access key ID (AKIA... or ASIA...) and the password to the secret key");
        }
        if (password == null || password.isBlank()) {
            throw new InvalidInputException("credentialsId", "credential '" + credentialsId
                    + "' has an empty password", "set the password to the secret access key");
        }
        return new StaticCredentials(keyId, password, null);
    }
}
