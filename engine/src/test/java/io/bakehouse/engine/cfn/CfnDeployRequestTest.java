package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
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

    /** Every field set, to a value no other field has. */
    private static CfnDeployRequest everyField() {
        return CfnDeployRequest.builder("app-dev").template("app.yaml").params(Map.of("AmiId", "ami-12345678"))
                .paramsFile("dev.json").keepParams(List.of("Kept")).tags(Map.of("env", "dev")).tagsFile("tags.json")
                .capabilities(List.of("CAPABILITY_IAM")).cfnRoleArn("arn:aws:iam::123456789012:role/cfn")
                .notificationArns(List.of("arn:aws:sns:us-east-1:123456789012:topic")).terminationProtection(true)
                .onFailure("DELETE").disableRollback(false).rollbackAlarms(List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:a"))
                .monitoringMinutes(7).stackPolicy("policy.json").s3Bucket("templates-bucket").s3Prefix("prefix")
                .changeSetName("build-42").noExecute(true).failOnEmptyChangeset(true).replaceFailedStack(false)
                .timeout(Duration.ofMinutes(17)).report("reports/deploy.html").build();
    }

    @Test
    public void withPathsResolved_resolvesTheFilesAndCarriesEveryOtherField() throws Exception {
        CfnDeployRequest request = everyField();
        assertEquals(request, request.withPathsResolved(p -> p));

        CfnDeployRequest resolved = request.withPathsResolved(p -> "/workspace/" + p);
        List<String> changed = new ArrayList<>();
        for (RecordComponent c : CfnDeployRequest.class.getRecordComponents()) {
            Object before = c.getAccessor().invoke(request);
            Object after = c.getAccessor().invoke(resolved);
            if (!java.util.Objects.equals(before, after)) {
                assertEquals(c.getName(), "/workspace/" + before, after);
                changed.add(c.getName());
            }
        }
        assertEquals(List.of("template", "paramsFile", "tagsFile", "stackPolicy", "report"), changed);
    }

    @Test
    public void everyField_fixture_setsEveryFieldToADistinctValue() throws Exception {
        // so that the test above would see a field dropped or swapped by withPathsResolved
        CfnDeployRequest request = everyField();
        List<Object> values = new ArrayList<>();
        for (RecordComponent c : CfnDeployRequest.class.getRecordComponents()) {
            Object value = c.getAccessor().invoke(request);
            if (c.getName().equals("executeChangeSet")) {
                assertEquals("the one field that excludes template and noExecute", null, value);
                continue;
            }
            if (value instanceof Boolean) {
                continue;
            }
            assertNotEquals(c.getName() + " is unset in the fixture", null, value);
            assertTrue(c.getName() + " repeats another field's value", !values.contains(value));
            values.add(value);
        }
    }
}
