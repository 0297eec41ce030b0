package io.bakehouse.build.contract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.StepContract;
import org.junit.Test;

public class CliDescriptionsTest {

    @Test
    public void constant_isTheOptionInUpperSnakeCase() {
        assertEquals("AMI_ID", CliDescriptions.constant("--ami-id"));
        assertEquals("S3_BUCKET", CliDescriptions.constant("--s3-bucket"));
    }

    @Test
    public void picocli_escapesItsFormatAndVariableMarks() {
        assertEquals("50%% of $${HOME}", CliDescriptions.picocli("50% of ${HOME}"));
    }

    @Test
    public void files_holdAClassPerStep_andAConstantPerOption_splitIntoShortLines() {
        String java = CliDescriptions.files(StepContract.load()).get(CliDescriptions.PATH);

        assertTrue(java.contains("    static final class CfnDeploy {"));
        assertTrue(java.contains("        /** {@code --[no-]replace-failed-stack} */\n        static final String REPLACE_FAILED_STACK =\n"));
        assertTrue(java.contains("        static final String SENSITIVE_VAR_FILE ="));
        assertTrue("positional words have no option", !java.contains("CONTAINER ="));
        java.lines().forEach(line -> assertTrue(line, line.length() <= 120));
    }
}
