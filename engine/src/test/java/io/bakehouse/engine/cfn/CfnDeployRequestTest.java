package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class CfnDeployRequestTest {

    private static String field(Runnable r) {
        return assertThrows(InvalidInputException.class, r::run).field();
    }

    @Test
    public void build_defaults_matchTheStepContract() {
        CfnDeployRequest r = CfnDeployRequest.builder("app").template("t.yaml").build();

        assertEquals(CfnDeployRequest.DEFAULT_TIMEOUT, r.timeout());
        assertTrue(r.replaceFailedStack());
        assertEquals(Map.of(), r.params());
    }

    @Test
    public void build_badInput_namesTheField() {
        assertEquals("stack", field(() -> CfnDeployRequest.builder("1bad").template("t").build()));
        assertEquals("template", field(() -> CfnDeployRequest.builder("app").build()));
        assertEquals("executeChangeSet", field(() -> CfnDeployRequest.builder("app").template("t").executeChangeSet("cs").build()));
        assertEquals("capabilities", field(() -> CfnDeployRequest.builder("app").template("t")
                .capabilities(List.of("CAPABILITY_ALL")).build()));
        assertEquals("onFailure", field(() -> CfnDeployRequest.builder("app").template("t").onFailure("RETRY").build()));
        assertEquals("disableRollback", field(() -> CfnDeployRequest.builder("app").template("t").onFailure("DELETE")
                .disableRollback(true).build()));
        assertEquals("cfnRoleArn", field(() -> CfnDeployRequest.builder("app").template("t").cfnRoleArn("role").build()));
        assertEquals("keepParams", field(() -> CfnDeployRequest.builder("app").template("t").params(Map.of("A", "1"))
                .keepParams(List.of("A")).build()));
        assertEquals("monitoringMinutes", field(() -> CfnDeployRequest.builder("app").template("t")
                .monitoringMinutes(181).build()));
        assertEquals("noExecute", field(() -> CfnDeployRequest.builder("app").executeChangeSet("cs").noExecute(true).build()));
    }

    @Test
    public void templateIsUrl_httpsAndS3_areUrls() {
        assertTrue(CfnDeployRequest.builder("app").template("s3://b/k").build().templateIsUrl());
        assertTrue(CfnDeployRequest.builder("app").template("https://b.s3.amazonaws.com/k").build().templateIsUrl());
    }

    @Test
    public void report_blankIsNoReportAndAFileIsKept() {
        assertEquals(null, CfnDeployRequest.builder("app").template("t").report("  ").build().report());
        assertEquals("reports/dev.html", CfnDeployRequest.builder("app").template("t").report(" reports/dev.html ")
                .build().report());
    }

    @Test
    public void report_aDirectoryOrAnInvalidPath_isRefusedAsTheReportField() {
        String dir = System.getProperty("java.io.tmpdir");

        assertEquals("report", field(() -> CfnDeployRequest.builder("app").template("t").report(dir).build()));
        assertEquals("report", field(() -> CfnDeployRequest.builder("app").template("t").report("a\0b.html").build()));
    }
}
