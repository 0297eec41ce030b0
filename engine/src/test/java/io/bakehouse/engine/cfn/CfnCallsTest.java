package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.BakehouseException;
import org.junit.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

public class CfnCallsTest {

    private static CloudFormationException refused() {
        return (CloudFormationException) CloudFormationException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationError")
                        .errorMessage("Stack is in UPDATE_IN_PROGRESS state\nmore detail").build()).build();
    }

    @Test
    public void call_sdkFailure_becomesAFailureSayingWhatWasBeingDone() {
        BakehouseException e = assertThrows(BakehouseException.class, () -> CfnCalls.call("executing change set cs",
                () -> {
                    throw refused();
                }));

        assertEquals("AWS refused executing change set cs (ValidationError): Stack is in UPDATE_IN_PROGRESS state",
                e.getMessage());
    }

    @Test
    public void serviceMessage_keepsTheFirstLine() {
        assertEquals("Stack is in UPDATE_IN_PROGRESS state", CfnCalls.serviceMessage(refused()));
    }
}
