package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;

import hudson.AbortException;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import org.junit.Test;

public class StepErrorsTest {

    @Test
    public void describe_failureWithHint_givesCauseAndWhatToDo() {
        BakehouseException e = BakehouseException.failure("Access denied writing SSM parameter /a", "grant ssm:PutParameter");
        assertEquals("publishAmiParam: Access denied writing SSM parameter /a (grant ssm:PutParameter)",
                StepErrors.describe("publishAmiParam", e, new Secrets()));
    }

    @Test
    public void describe_usageErrorNotNamingItsField_namesTheParameter() {
        InvalidInputException e = new InvalidInputException("tier", "'Premium' is not one of the tiers");
        assertEquals("publishAmiParam: tier: 'Premium' is not one of the tiers",
                StepErrors.describe("publishAmiParam", e, new Secrets()));
    }

    @Test
    public void describe_usageErrorNamingItsField_isNotRepeated() {
        InvalidInputException e = new InvalidInputException("name", "name is required");
        assertEquals("publishAmiParam: name is required", StepErrors.describe("publishAmiParam", e, new Secrets()));
    }

    @Test
    public void describe_secretInTheMessage_isMasked() {
        BakehouseException e = BakehouseException.failure("bad signature for key s3cr3t-value", null);
        assertEquals("cfnDeploy: bad signature for key ****",
                StepErrors.describe("cfnDeploy", e, new Secrets().add("s3cr3t-value")));
    }

    @Test
    public void checked_goodParameters_returnsWhatWasBuilt() throws AbortException {
        assertEquals("request", StepErrors.checked("cfnDeploy", () -> "request"));
    }
}
