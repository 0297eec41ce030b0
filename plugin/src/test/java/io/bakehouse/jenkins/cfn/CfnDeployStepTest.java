package io.bakehouse.jenkins.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.jenkins.ContractParameters;
import io.bakehouse.jenkins.StepErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Step parameters → engine request, and the words a wrong parameter gets (docs/steps.md, cfnDeploy). */
public class CfnDeployStepTest {

    private static final String TEMPLATE = "cloudformation/app.yaml";
    private static final String ROLE = "arn:aws:iam::123456789012:role/cfn-service";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:deploys";
    private static final String ALARM = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors";

    private static CfnDeployStep step() {
        CfnDeployStep step = new CfnDeployStep("app-dev");
        step.setTemplate(TEMPLATE);
        return step;
    }

    private static String failure(CfnDeployStep step) {
        InvalidInputException e = assertThrows(InvalidInputException.class, step::toRequest);
        return StepErrors.describe(CfnDeployStep.FUNCTION_NAME, e, new Secrets());
    }

    @Test
    public void toRequest_onlyRequiredParameters_givesTheEngineDefaults() {
        assertEquals(CfnDeployRequest.builder("app-dev").template(TEMPLATE).build(), step().toRequest());
        assertTrue(step().toRequest().replaceFailedStack());
        assertEquals(Duration.ofMinutes(60), step().toRequest().timeout());
    }

    @Test
    public void toRequest_everyParameter_mapsToTheRequest() {
        CfnDeployStep step = step();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("AmiId", "ami-0123456789abcdef0");
        params.put("Count", 3);
        step.setParams(params);
        step.setParamsFile("cloudformation/params/dev.json");
        step.setKeepParams(List.of("DbPassword"));
        step.setTags(Map.of("team", "web"));
        step.setTagsFile("tags.yaml");
        step.setCapabilities(List.of("CAPABILITY_IAM"));
        step.setCfnRoleArn(ROLE);
        step.setNotificationArns(List.of(TOPIC));
        step.setTerminationProtection(true);
        step.setOnFailure("DELETE");
        step.setRollbackAlarms(List.of(ALARM));
        step.setMonitoringMinutes(10);
        step.setStackPolicy("policy.json");
        step.setS3Bucket("cfn-templates");
        step.setS3Prefix("app");
        step.setChangeSetName("build-42");
        step.setNoExecute(true);
        step.setFailOnEmptyChangeset(true);
        step.setReplaceFailedStack(false);
        step.setTimeout("2h");
        step.setReport("reports/deploy-dev.html");
        CfnDeployRequest r = step.toRequest();
        assertEquals("app-dev", r.stack());
        assertEquals(TEMPLATE, r.template());
        assertEquals(Map.of("AmiId", "ami-0123456789abcdef0", "Count", "3"), r.params());
        assertEquals("cloudformation/params/dev.json", r.paramsFile());
        assertEquals(List.of("DbPassword"), r.keepParams());
        assertEquals(Map.of("team", "web"), r.tags());
        assertEquals("tags.yaml", r.tagsFile());
        assertEquals(List.of("CAPABILITY_IAM"), r.capabilities());
        assertEquals(ROLE, r.cfnRoleArn());
        assertEquals(List.of(TOPIC), r.notificationArns());
        assertTrue(r.terminationProtection());
        assertEquals("DELETE", r.onFailure());
        assertEquals(List.of(ALARM), r.rollbackAlarms());
        assertEquals(Integer.valueOf(10), r.monitoringMinutes());
        assertEquals("policy.json", r.stackPolicy());
        assertEquals("cfn-templates", r.s3Bucket());
        assertEquals("app", r.s3Prefix());
        assertEquals("build-42", r.changeSetName());
        assertTrue(r.noExecute());
        assertTrue(r.failOnEmptyChangeset());
        assertFalse(r.replaceFailedStack());
        assertEquals(Duration.ofHours(2), r.timeout());
        assertEquals("reports/deploy-dev.html", r.report());
        assertEquals("reports/deploy-dev.html", step.getReport());
    }

    @Test
    public void toRequest_disableRollbackAndExecuteChangeSet_mapToTheRequest() {
        CfnDeployStep step = new CfnDeployStep("app-dev");
        step.setExecuteChangeSet("build-42");
        step.setDisableRollback(true);
        CfnDeployRequest r = step.toRequest();
        assertEquals("build-42", r.executeChangeSet());
        assertNull(r.template());
        assertTrue(r.disableRollback());
    }

    @Test
    public void setters_blankText_meansNotGiven() {
        CfnDeployStep step = step();
        step.setParamsFile(" ");
        step.setChangeSetName("");
        step.setTimeout(" ");
        step.setReport(" ");
        assertNull(step.getParamsFile());
        assertNull(step.getReport());
        assertEquals(CfnDeployRequest.builder("app-dev").template(TEMPLATE).build(), step.toRequest());
    }

    @Test
    public void getters_returnWhatWasSet_forTheSnippetGenerator() {
        CfnDeployStep step = step();
        step.setCapabilities(List.of("CAPABILITY_NAMED_IAM"));
        step.setMonitoringMinutes(5);
        assertEquals("app-dev", step.getStack());
        assertEquals(TEMPLATE, step.getTemplate());
        assertEquals(List.of("CAPABILITY_NAMED_IAM"), step.getCapabilities());
        assertEquals(Integer.valueOf(5), step.getMonitoringMinutes());
        assertTrue(step.isReplaceFailedStack());
        assertFalse(step.isNoExecute());
    }

    @Test
    public void toRequest_noStack_saysStackIsRequired() {
        CfnDeployStep step = new CfnDeployStep(" ");
        step.setTemplate(TEMPLATE);
        assertTrue(failure(step), failure(step).startsWith("cfnDeploy: stack is required"));
    }

    @Test
    public void toRequest_noTemplate_saysTemplateOrExecuteChangeSet() {
        assertEquals("cfnDeploy: template is required (or executeChangeSet to run a reviewed change set)",
                failure(new CfnDeployStep("app-dev")));
    }

    @Test
    public void toRequest_unknownCapability_listsTheCapabilities() {
        CfnDeployStep step = step();
        step.setCapabilities(List.of("CAPABILITY_ALL"));
        assertEquals("cfnDeploy: capabilities: capability 'CAPABILITY_ALL' is not one of CAPABILITY_IAM, CAPABILITY_NAMED_IAM,"
                + " CAPABILITY_AUTO_EXPAND", failure(step));
    }

    @Test
    public void toRequest_badOnFailure_namesOnFailure() {
        CfnDeployStep step = step();
        step.setOnFailure("RETRY");
        assertEquals("onFailure", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_badTimeout_namesTimeout() {
        CfnDeployStep step = step();
        step.setTimeout("later");
        assertEquals("timeout", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_notAnArn_namesCfnRoleArn() {
        CfnDeployStep step = step();
        step.setCfnRoleArn("cfn-service");
        assertEquals("cfnRoleArn", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void parameters_areExactlyThoseOfTheStepContract() {
        assertEquals(ContractParameters.jenkins(CfnDeployStep.FUNCTION_NAME), ContractParameters.dataBound(CfnDeployStep.class));
    }
}
