package io.bakehouse.build.contract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.StepContract;
import org.junit.Test;

public class StepsDocTest {

    private static final StepContract CONTRACT = StepContract.load();

    @Test
    public void rewrite_fillsTheBlocks_andLeavesTheProseAlone() {
        String page = StepsDoc.rewrite(CONTRACT, "# Steps\n\nProse.\n\n<!-- contract:common -->\nSTALE-ROW\n<!-- /contract:common -->\n");

        assertTrue(page, page.startsWith("# Steps\n\nProse.\n\n<!-- contract:common -->\n| parameter | CLI | default | meaning |\n"));
        assertTrue(page, page.contains("| `region` | `--region REGION` |"));
        assertTrue(page, !page.contains("STALE-ROW"));
    }

    @Test
    public void rewrite_aStepWithoutSection_getsOneAtTheEnd() {
        String page = StepsDoc.rewrite(CONTRACT, "<!-- contract:common -->\n<!-- /contract:common -->\n");

        assertTrue(page, page.contains("\n## cfnDeploy — `bakehouse cfn-deploy`\n\n<!-- contract:cfnDeploy:parameters -->\n"
                + "| parameter | CLI | type | default | meaning |\n"));
        assertTrue(page, page.contains("<!-- contract:ecsDeployRunner:result -->\nResult: `exitCode` (the container's exit code),"));
        assertEquals("idempotent", page, StepsDoc.rewrite(CONTRACT, page));
    }

    @Test
    public void rewrite_aBlockOfNoStep_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepsDoc.rewrite(CONTRACT,
                "<!-- contract:bakeBread:parameters -->\n<!-- /contract:bakeBread:parameters -->\n"));
        assertTrue(e.getMessage(), e.getMessage().contains("bakeBread:parameters belongs to no step"));
    }
}
