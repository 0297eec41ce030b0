package io.bakehouse.engine.aws;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * How to reach AWS: what every face collects from its user (options, step parameters,
 * credentials) before anything is resolved against the environment. Every field is
 * optional; {@link AwsEnvironment} fills the gaps from the environment and profile files.
 *
 * @param region            e.g. {@code us-east-1}
 * @param profile           a named profile from the AWS config/credentials files
 * @param credentials       explicit keys (e.g. from a Jenkins credential); wins over the environment
 * @param baseRole          a role the base credentials assume first (the one a Jenkins AWS credential
 *                          names); {@code roleArn}, when given, is then assumed with its session
 * @param roleArn           a role to assume on top of the base credentials (and {@code baseRole})
 * @param externalId        the external ID the role's trust policy asks for
 * @param roleSessionName   the session name for the assumed role
 * @param endpointUrl       an endpoint override for every service (a local emulator)
 * @param adaptiveRetries   adaptive (client-side rate limiting) instead of standard retries
 * @param maxAttempts       attempts per request, including the first; 0 for the SDK default
 */
public record AwsSettings(String region, String profile, StaticCredentials credentials,
                          RoleToAssume baseRole, String roleArn, String externalId, String roleSessionName,
                          String endpointUrl, boolean adaptiveRetries, int maxAttempts)
        implements Serializable {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    public AwsSettings {
        region = blankToNull(region);
        profile = blankToNull(profile);
        roleArn = blankToNull(roleArn);
        externalId = blankToNull(externalId);
        roleSessionName = blankToNull(roleSessionName);
        endpointUrl = blankToNull(endpointUrl);
        if (region != null) {
            validateRegion(region);
        }
        if (roleArn != null && !isRoleArn(roleArn)) {
            throw new InvalidInputException("roleArn", "'" + roleArn + "' is not an IAM role ARN",
                    "use the form arn:aws:iam::123456789012:role/NAME");
        }
        if (roleSessionName != null && !SESSION_NAME.matcher(roleSessionName).matches()) {
            throw new InvalidInputException("roleSessionName", "role session name '" + roleSessionName
                    + "' must be 2-64 characters of letters, digits and +=,.@_-");
        }
        if (endpointUrl != null) {
            validateEndpoint(endpointUrl);
        }
        if (maxAttempts < 0 || maxAttempts > 20) {
            throw new InvalidInputException("maxAttempts", "maxAttempts must be between 1 and 20 (or 0 for the default)");
        }
    }

    /** Checks the shape of a region name such as {@code us-east-1}. */
    public static String validateRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new InvalidInputException("region", "'" + region + "' is not an AWS region name",
                    "use a name like us-east-1");
        }
        return region;
    }

    /** Whether {@code arn} has the shape of an IAM role ARN, e.g. {@code arn:aws:iam::123456789012:role/deployer}. */
    public static boolean isRoleArn(String arn) {
        return arn != null && ROLE_ARN.matcher(arn).matches();
    }

    /** Checks the shape of an endpoint URL such as {@code http://127.0.0.1:5000}. */
    public static String validateEndpointUrl(String url) {
        validateEndpoint(url);
        return url;
    }

    public static AwsSettings defaults() {
        return new AwsSettings(null, null, null, null, null, null, null, null, false, 0);
    }

    public AwsSettings withRegion(String newRegion) {
        return new AwsSettings(newRegion, profile, credentials, baseRole, roleArn, externalId, roleSessionName,
                endpointUrl, adaptiveRetries, maxAttempts);
    }

    public AwsSettings withProfile(String newProfile) {
        return new AwsSettings(region, newProfile, credentials, baseRole, roleArn, externalId, roleSessionName,
                endpointUrl, adaptiveRetries, maxAttempts);
    }

    public AwsSettings withCredentials(StaticCredentials newCredentials) {
        return new AwsSettings(region, profile, newCredentials, baseRole, roleArn, externalId, roleSessionName,
                endpointUrl, adaptiveRetries, maxAttempts);
    }

    public AwsSettings withRole(String newRoleArn, String newExternalId, String newSessionName) {
        return new AwsSettings(region, profile, credentials, baseRole, newRoleArn, newExternalId, newSessionName,
                endpointUrl, adaptiveRetries, maxAttempts);
    }

    public AwsSettings withBaseRole(RoleToAssume newBaseRole) {
        return new AwsSettings(region, profile, credentials, newBaseRole, roleArn, externalId, roleSessionName,
                endpointUrl, adaptiveRetries, maxAttempts);
    }

    public AwsSettings withEndpointUrl(String newEndpointUrl) {
        return new AwsSettings(region, profile, credentials, baseRole, roleArn, externalId, roleSessionName,
                newEndpointUrl, adaptiveRetries, maxAttempts);
    }

    public AwsSettings withRetries(boolean adaptive, int attempts) {
        return new AwsSettings(region, profile, credentials, baseRole, roleArn, externalId, roleSessionName,
                endpointUrl, adaptive, attempts);
    }

    private static void validateEndpoint(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "needs http:// or https:// and a host");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException("endpointUrl", "'" + url + "' is not an endpoint URL",
                    "use the form http://127.0.0.1:5000");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
