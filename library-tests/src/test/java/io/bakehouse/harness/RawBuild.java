package io.bakehouse.harness;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code currentBuild.rawBuild}: the build as the Jenkins API sees it, here the credentials it
 * may use (the harness's stand-in {@code CredentialsProvider} looks them up in it).
 */
public final class RawBuild {

    private final Map<String, StandardCredentials> credentials = new HashMap<>();

    /** The credential of this ID, or {@code null}. */
    public StandardCredentials credential(String id) {
        return credentials.get(id);
    }

    void add(StandardCredentials credential) {
        credentials.put(credential.getId(), credential);
    }

    /** A username/password credential. */
    public record UsernamePassword(String id, String username, String password) implements StandardCredentials {
        @Override
        public String getId() {
            return id;
        }
    }

    /** A Secret text credential. */
    public record SecretText(String id, String secret) implements StandardCredentials {
        @Override
        public String getId() {
            return id;
        }
    }

    /**
     * An AWS credential, shaped as the aws-credentials plugin's: the type comes through a base
     * class, and the MFA device is a bean property.
     */
    public static final class Aws extends AwsBase {
        private final String accessKey;
        private final String secretKey;
        private final String iamMfaSerialNumber;

        public Aws(String id, String accessKey, String secretKey, String iamMfaSerialNumber) {
            super(id);
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            this.iamMfaSerialNumber = iamMfaSerialNumber;
        }

        public String accessKey() {
            return accessKey;
        }

        public String secretKey() {
            return secretKey;
        }

        public String getIamMfaSerialNumber() {
            return iamMfaSerialNumber;
        }
    }

    private abstract static class AwsBase implements AmazonWebServicesCredentials {
        private final String id;

        AwsBase(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }
    }
}
