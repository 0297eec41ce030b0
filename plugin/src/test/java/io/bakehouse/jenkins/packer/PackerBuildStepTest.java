package io.bakehouse.jenkins.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.engine.packer.PackerBuildRequest;
import io.bakehouse.jenkins.ContractParameters;
import io.bakehouse.jenkins.StepErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Step parameters → engine request, and the words a wrong parameter gets (docs/steps.md, packerBuild). */
public class PackerBuildStepTest {

    private static final String TEMPLATE = "packer/bakehouse-app.pkr.hcl";

    private static String failure(PackerBuildStep step) {
        InvalidInputException e = assertThrows(InvalidInputException.class, step::toRequest);
        return StepErrors.describe(PackerBuildStep.FUNCTION_NAME, e, new Secrets());
    }

    @Test
    public void toRequest_onlyTheTemplate_givesTheEngineDefaults() {
        PackerBuildRequest request = new PackerBuildStep(TEMPLATE).toRequest();
        assertEquals(PackerBuildRequest.of(TEMPLATE), request);
        assertEquals("cleanup", request.onError());
        assertEquals(Duration.ofMinutes(60), request.timeout());
    }

    @Test
    public void toRequest_everyParameter_mapsToTheRequest() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("app_version", "1.4.2");
        vars.put("build_number", 42);
        step.setVars(vars);
        step.setSensitiveVars(Map.of("db_password", "db-password-credential"));
        step.setVarFiles(List.of("common.pkrvars.hcl"));
        step.setOnly(List.of("aws.*"));
        step.setOnError("abort");
        step.setForce(true);
        step.setWorkingDir("infra");
        step.setPacker("tools/packer");
        step.setRebake(true);
        step.setTimeout("90s");
        PackerBuildRequest request = step.toRequest();
        assertEquals(TEMPLATE, request.template());
        assertEquals(Map.of("app_version", "1.4.2", "build_number", "42"), request.vars());
        assertEquals("values are read from the credentials when the step runs", Map.of(), request.sensitiveVars());
        assertEquals(Map.of("db_password", "db-password-credential"), step.sensitiveVarCredentials());
        assertEquals(List.of("common.pkrvars.hcl"), request.varFiles());
        assertEquals(List.of("aws.*"), request.only());
        assertEquals(List.of(), request.except());
        assertEquals("abort", request.onError());
        assertTrue(request.force());
        assertEquals("infra", request.workingDir());
        assertEquals("tools/packer", request.packer());
        assertTrue(request.rebake());
        assertEquals(Duration.ofSeconds(90), request.timeout());
    }

    @Test
    public void toRequest_except_mapsToTheRequest() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setExcept(List.of("local.*"));
        assertEquals(List.of("local.*"), step.toRequest().except());
    }

    @Test
    public void toRequest_bareNumberTimeout_meansMinutes() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setTimeout("45");
        assertEquals(Duration.ofMinutes(45), step.toRequest().timeout());
    }

    @Test
    public void setters_blankText_meansNotGiven() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setWorkingDir(" ");
        step.setPacker("");
        step.setTimeout(" ");
        step.setOnError("");
        assertNull(step.getWorkingDir());
        assertNull(step.toRequest().packer());
        assertEquals(PackerBuildRequest.of(TEMPLATE), step.toRequest());
    }

    @Test
    public void getters_returnWhatWasSet_forTheSnippetGenerator() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setOnly(List.of("aws.*"));
        step.setRebake(true);
        step.setTimeout("2h");
        assertEquals(TEMPLATE, step.getTemplate());
        assertEquals(List.of("aws.*"), step.getOnly());
        assertTrue(step.isRebake());
        assertFalse(step.isForce());
        assertEquals("2h", step.getTimeout());
    }

    @Test
    public void toRequest_noTemplate_saysTemplateIsRequired() {
        assertEquals("template", assertThrows(InvalidInputException.class, new PackerBuildStep(" ")::toRequest).field());
        assertTrue(failure(new PackerBuildStep(null)), failure(new PackerBuildStep(null)).startsWith("packerBuild: "));
        assertTrue(failure(new PackerBuildStep(null)), failure(new PackerBuildStep(null)).contains("template"));
    }

    @Test
    public void toRequest_onlyAndExcept_saysNotTogether() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setOnly(List.of("aws.*"));
        step.setExcept(List.of("local.*"));
        assertEquals("packerBuild: only and except cannot be used together"
                + " (name the builds to run with only, or the builds to skip with except)", failure(step));
    }

    @Test
    public void toRequest_askOnError_listsTheModes() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setOnError("ask");
        assertTrue(failure(step), failure(step).startsWith(
                "packerBuild: onError 'ask' is not one of cleanup, abort, run-cleanup-provisioner"));
    }

    @Test
    public void toRequest_badTimeout_namesTimeout() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setTimeout("soon");
        assertEquals("timeout", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_bakeKeyVariable_saysBakehouseSetsIt() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setVars(Map.of("bake_key", "mine"));
        assertEquals("vars", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_varAlsoSensitive_namesSensitiveVars() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setVars(Map.of("db_password", "a"));
        step.setSensitiveVars(Map.of("db_password", "b"));
        assertEquals("sensitiveVars", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void sensitiveVars_blankCredentialId_namesTheEntry() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        Map<String, Object> sensitive = new LinkedHashMap<>();
        sensitive.put("db_password", " ");
        step.setSensitiveVars(sensitive);
        assertEquals("packerBuild: sensitiveVars entry 'db_password' names no credential (give the ID of a Secret text"
                + " credential holding the value)", failure(step));
    }

    @Test
    public void sensitiveVars_badVariableName_checkedAsTheEngineChecksIt() {
        PackerBuildStep step = new PackerBuildStep(TEMPLATE);
        step.setSensitiveVars(Map.of("not a name", "some-credential"));
        assertEquals("sensitiveVars", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void sensitiveVars_theContractNamesSecretTextCredentials() {
        String description = ContractParameters.parameter(PackerBuildStep.FUNCTION_NAME, "sensitiveVars").description()
                .plain(name -> name);
        assertTrue(description, description.contains("ID of a Secret text credential holding the value"));
    }

    @Test
    public void parameters_areExactlyThoseOfTheStepContract() {
        assertEquals(ContractParameters.jenkins(PackerBuildStep.FUNCTION_NAME), ContractParameters.dataBound(PackerBuildStep.class));
    }
}
