package io.bakehouse.engine.error;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.ConnectException;
import org.junit.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

public class AwsErrorsTest {

    private static AwsServiceException service(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    public void accessDenied_namesTheActionAndSuggestsAFix() {
        BakehouseException e = AwsErrors.translate("writing X", service(400, "AccessDeniedException", "not authorized\nmore"));

        assertEquals("Access denied writing X: not authorized", e.getMessage());
        assertTrue(e.hint().contains("grant the missing permission"));
        assertEquals(BakehouseException.Kind.FAILURE, e.kind());
    }

    @Test
    public void codesOfEachFamily_getTheirWording() {
        assertTrue(AwsErrors.translate("a", service(400, "ExpiredToken", "m")).getMessage().contains("have expired"));
        assertTrue(AwsErrors.translate("a", service(400, "UnrecognizedClientException", "m")).getMessage()
                .contains("rejected the credentials"));
        assertTrue(AwsErrors.translate("a", service(400, "Throttling", "m")).getMessage().contains("kept throttling"));
        assertTrue(AwsErrors.translate("a", service(503, "ServiceUnavailable", "m")).getMessage().contains("HTTP 503"));
        assertEquals("AWS refused a (ValidationError): bad", AwsErrors.translate("a", service(400, "ValidationError", "bad")).getMessage());
    }

    @Test
    public void bareStatusCodes_withoutAnErrorCode_stillSayWhatHappened() {
        AwsServiceException bare401 = AwsServiceException.builder().statusCode(401).build();
        AwsServiceException bare403 = AwsServiceException.builder().statusCode(403).build();

        assertTrue(AwsErrors.translate("a", bare401).getMessage().contains("rejected the credentials"));
        assertTrue(AwsErrors.translate("a", bare403).getMessage().startsWith("Access denied a"));
    }

    @Test
    public void clientErrors_missingCredentialsAndUnreachableEndpoint() {
        BakehouseException creds = AwsErrors.translate("a",
                SdkClientException.create("Unable to load credentials from any of the providers in the chain"));
        assertTrue(creds.getMessage().startsWith("No AWS credentials found"));

        BakehouseException unreachable = AwsErrors.translate("a",
                SdkClientException.create("io", new ConnectException("Connection refused")));
        assertEquals("Cannot reach the AWS endpoint while a: Connection refused", unreachable.getMessage());
    }

    @Test
    public void bare5xx_withoutAnErrorCode_saysAwsFailedAndToTryAgain() {
        AwsServiceException bare503 = AwsServiceException.builder().statusCode(503)
                .message("(Service: Ec2, Status Code: 503, Request ID: x)").build();

        BakehouseException e = AwsErrors.translate("looking up ami-1", bare503);

        assertEquals("AWS failed with HTTP 503 while looking up ami-1, even after retries", e.getMessage());
        assertEquals("try again later", e.hint());
    }

    @Test
    public void lostConnection_saysSoWithTheCause() {
        BakehouseException e = AwsErrors.translate("reading X", SdkClientException.create(
                "Unable to execute HTTP request: Connection reset (SDK Attempt Count: 3)",
                new java.net.SocketException("Connection reset")));

        assertEquals("Lost the connection to AWS while reading X, even after retries: Connection reset", e.getMessage());
        assertTrue(e.hint(), e.hint().contains("check the network"));
    }

    @Test
    public void isThrottling_recognisesEachServicesCode() {
        assertTrue(AwsErrors.isThrottling(service(400, "ThrottlingException", "m")));
        assertTrue(AwsErrors.isThrottling(service(503, "RequestLimitExceeded", "m")));
        assertTrue(!AwsErrors.isThrottling(service(400, "ValidationError", "m")));
    }

    @Test
    public void isTransient_throttlingServerErrorsAndTheNetwork_butNotRefusals() {
        assertTrue(AwsErrors.isTransient(service(400, "ThrottlingException", "m")));
        assertTrue(AwsErrors.isTransient(service(503, "ServiceUnavailable", "m")));
        assertTrue(AwsErrors.isTransient(SdkClientException.create("reset", new ConnectException("refused"))));
        assertTrue(!AwsErrors.isTransient(service(400, "AccessDeniedException", "m")));
    }

    @Test
    public void call_passesTheAnswerOn_andTurnsAFailureIntoWordsAboutTheAction() {
        assertEquals("ok", AwsErrors.call("reading X", () -> "ok"));
        BakehouseException e = org.junit.Assert.assertThrows(BakehouseException.class, () -> AwsErrors.call("reading X",
                () -> {
                    throw service(400, "AccessDeniedException", "no");
                }));
        assertEquals("Access denied reading X: no", e.getMessage());
    }
}
