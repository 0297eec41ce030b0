package io.bakehouse.engine.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK exceptions into one-line causes with a suggestion. The one place where AWS
 * error codes become words; capability code adds what it was doing ({@code action}).
 */
public final class AwsErrors {

    private static final Set<String> ACCESS_DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError");
    private static final Set<String> BAD_CREDENTIALS = Set.of(
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "AuthFailure", "IncompleteSignature");
    private static final Set<String> EXPIRED = Set.of(
            "ExpiredToken", "ExpiredTokenException", "RequestExpired");
    private static final Set<String> THROTTLED = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "SlowDown", "ProvisionedThroughputExceededException");

    private AwsErrors() {
    }

    /** The AWS error code of a service exception, or {@code null}. */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException ase) {
            if (ase.awsErrorDetails() != null && ase.awsErrorDetails().errorCode() != null) {
                return ase.awsErrorDetails().errorCode();
            }
            // The JDK's HTTP client drops the body of a 401 (how EC2 answers bad credentials),
            // so the SDK sees no error code; the status still says what happened.
            if (ase.statusCode() == 401) {
                return "AuthFailure";
            }
            if (ase.statusCode() == 403) {
                return "AccessDenied";
            }
        }
        return null;
    }

    public static boolean isThrottling(SdkException e) {
        String code = code(e); // null for errors without a code (a bare 5xx); Set.of rejects null
        return code != null && THROTTLED.contains(code);
    }

    /** Whether a poll that failed with {@code e} may simply be tried again later: throttling, a 5xx, the network. */
    public static boolean isTransient(SdkException e) {
        if (isThrottling(e)) {
            return true;
        }
        if (e instanceof AwsServiceException ase) {
            return ase.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    /** Makes one AWS call, turning an SDK failure into words about what was being done ({@code action}). */
    public static <T> T call(String action, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(action, e);
        }
    }

    /**
     * Describes {@code e}, which happened while doing {@code action} (e.g. "writing SSM
     * parameter /a/b"), as a failure with a cause and what to do.
     */
    public static BakehouseException translate(String action, SdkException e) {
        String code = code(e);
        String detail = serviceMessage(e);
        if (code != null) {
            if (ACCESS_DENIED.contains(code)) {
                return BakehouseException.failure("Access denied " + action + ": " + detail,
                        "grant the missing permission to the identity in use"
                                + " (see `aws sts get-caller-identity`), or choose another with --profile/--role-arn", e);
            }
            if (BAD_CREDENTIALS.contains(code)) {
                return BakehouseException.failure("AWS rejected the credentials while " + action + " (" + code + ")",
                        "check the access key, secret key and session token in use, or the profile/role", e);
            }
            if (EXPIRED.contains(code)) {
                return BakehouseException.failure("The AWS credentials have expired (" + code + ") while " + action,
                        "refresh the session (e.g. `aws sso login`) or assume the role again", e);
            }
            if (THROTTLED.contains(code)) {
                return BakehouseException.failure("AWS kept throttling requests while " + action
                        + " even after retries with backoff (" + code + ")",
                        "try again later, or lower the request rate (fewer concurrent deployments)", e);
            }
            int status = ((AwsServiceException) e).statusCode();
            if (status >= 500) {
                return BakehouseException.failure("AWS failed with HTTP " + status + " (" + code + ") while "
                        + action + ", even after retries: " + detail, "try again later", e);
            }
            return BakehouseException.failure("AWS refused " + action + " (" + code + "): " + detail, null, e);
        }
        if (e instanceof AwsServiceException ase && ase.statusCode() >= 500) {
            // A bare 5xx (a load balancer or gateway in the way answered): no code, no AWS message.
            return BakehouseException.failure("AWS failed with HTTP " + ase.statusCode() + " while " + action
                    + ", even after retries", "try again later", e);
        }
        if (e instanceof SdkClientException) {
            return translateClient(action, (SdkClientException) e);
        }
        return BakehouseException.failure("Failed " + action + ": " + detail, null, e);
    }

    private static BakehouseException translateClient(String action, SdkClientException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unable to load credentials")) {
            return BakehouseException.failure("No AWS credentials found while " + action,
                    "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with --profile or AWS_PROFILE,"
                            + " or run where an instance/task role is available", e);
        }
        if (lower.contains("unable to load region")) {
            return BakehouseException.failure("No AWS region configured while " + action,
                    "pass --region or set AWS_REGION", e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)) {
            return BakehouseException.failure("Cannot reach the AWS endpoint while " + action + ": " + rootMessage(e),
                    "check --endpoint-url/AWS_ENDPOINT_URL and the network", e);
        }
        if (hasCause(e, IOException.class)) {
            return BakehouseException.failure("Lost the connection to AWS while " + action + ", even after retries: "
                    + rootMessage(e), "check the network between here and AWS (proxies, firewalls) and try again", e);
        }
        return BakehouseException.failure("Failed " + action + ": " + firstLine(message), null, e);
    }

    private static String serviceMessage(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorMessage() != null) {
            return firstLine(ase.awsErrorDetails().errorMessage());
        }
        return firstLine(e.getMessage());
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
