package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class ParameterPlanTest {

    private static final List<TemplateParameter> DECLARED = List.of(
            new TemplateParameter("AmiId", false, false),
            new TemplateParameter("Size", true, false),
            new TemplateParameter("Password", false, true));

    @Test
    public void of_newStackWithEveryValue_passesThemAndCollectsNoEchoSecrets() {
        ParameterPlan plan = ParameterPlan.of("t.yaml", DECLARED, Map.of("AmiId", "ami-1", "Password", "s3cret!"),
                List.of(), null);

        assertEquals(Map.of("AmiId", "ami-1", "Password", "s3cret!"), plan.values());
        assertEquals(List.of("s3cret!"), plan.secrets());
    }

    @Test
    public void of_updateWithoutValueForParameterTheStackHas_keepsThePreviousValue() {
        ParameterPlan plan = ParameterPlan.of("t.yaml", DECLARED, Map.of("AmiId", "ami-2"), List.of(),
                Set.of("AmiId", "Password", "Size"));

        assertTrue(plan.values().containsKey("Password"));
        assertNull(plan.values().get("Password"));
        assertEquals(List.of("Password"), plan.kept());
        assertTrue("a default is not silently replaced by the old value", !plan.values().containsKey("Size"));
    }

    @Test
    public void of_keepParamOnUpdate_usesPreviousValueEvenWithADefault() {
        ParameterPlan plan = ParameterPlan.of("t.yaml", DECLARED, Map.of("AmiId", "ami-2", "Password", "p4ss"),
                List.of("Size"), Set.of("AmiId", "Password", "Size"));

        assertEquals(List.of("Size"), plan.kept());
    }

    @Test
    public void of_unknownNames_areAllNamedInOneError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParameterPlan.of("t.yaml", DECLARED,
                Map.of("AmiId", "a", "Password", "p4ss", "Colour", "red"), List.of("Shape"), null));

        assertEquals("template t.yaml has no parameters Colour, Shape", e.getMessage());
        assertEquals("the template declares: AmiId, Size, Password", e.hint());
    }

    @Test
    public void of_missingValuesOnCreate_areAllNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ParameterPlan.of("t.yaml", DECLARED, Map.of(), List.of(), null));

        assertTrue(e.getMessage(), e.getMessage().contains("needs a value for AmiId, Password (no default)"));
        assertTrue(e.hint(), e.hint().contains("--param AmiId=VALUE"));
    }

    @Test
    public void of_missingValue_hintSaysWhatTheTemplateAllows() {
        List<TemplateParameter> ssm = List.of(new TemplateParameter("Ami", "AWS::SSM::Parameter::Value<String>", false,
                false, List.of()));
        List<TemplateParameter> allowed = List.of(new TemplateParameter("Env", "String", false, false,
                List.of("dev", "prod")));
        List<TemplateParameter> plain = List.of(new TemplateParameter("Name", "String", false, false, List.of()));

        assertEquals("pass --param Ami=VALUE (params) or add it to the parameters file; Ami takes the name of an SSM"
                + " parameter (AWS::SSM::Parameter::Value<String>)", assertThrows(InvalidInputException.class,
                        () -> ParameterPlan.of("t.yaml", ssm, Map.of(), List.of(), null)).hint());
        assertEquals("pass --param Env=VALUE (params) or add it to the parameters file; Env takes one of: dev, prod",
                assertThrows(InvalidInputException.class,
                        () -> ParameterPlan.of("t.yaml", allowed, Map.of(), List.of(), null)).hint());
        assertEquals("pass --param Name=VALUE (params) or add it to the parameters file",
                assertThrows(InvalidInputException.class,
                        () -> ParameterPlan.of("t.yaml", plain, Map.of(), List.of(), null)).hint());
    }

    @Test
    public void of_keepParamOnNewStack_isRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParameterPlan.of("t.yaml", DECLARED,
                Map.of("AmiId", "a", "Password", "p4ss"), List.of("Size"), null));

        assertEquals("keepParams", e.field());
    }
}
