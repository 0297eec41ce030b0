package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
                Map.of(), List.of(), null);

        assertEquals(Map.of("AmiId", "ami-1", "Password", "s3cret!"), plan.values());
        assertEquals(List.of("s3cret!"), plan.secrets());
    }

    @Test
    public void of_updateWithoutValueForParameterTheStackHas_keepsThePreviousValue() {
        ParameterPlan plan = ParameterPlan.of("t.yaml", DECLARED, Map.of("AmiId", "ami-2"), Map.of(), List.of(),
                Set.of("AmiId", "Password", "Size"));

        assertTrue(plan.values().containsKey("Password"));
        assertNull(plan.values().get("Password"));
        assertEquals(List.of("Password"), plan.kept());
        assertTrue("a default is not silently replaced by the old value", !plan.values().containsKey("Size"));
    }

    @Test
    public void of_keepParamOnUpdate_usesPreviousValueEvenWithADefault() {
        ParameterPlan plan = ParameterPlan.of("t.yaml", DECLARED, Map.of("AmiId", "ami-2", "Password", "p4ss"),
                Map.of(), List.of("Size"), Set.of("AmiId", "Password", "Size"));

        assertEquals(List.of("Size"), plan.kept());
    }

    @Test
    public void of_unknownNames_areAllNamedInOneError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParameterPlan.of("t.yaml", DECLARED,
                Map.of("AmiId", "a", "Password", "p4ss", "Colour", "red"), Map.of(), List.of("Shape"), null));

        assertEquals("template t.yaml has no parameters Colour, Shape", e.getMessage());
        assertEquals("the template declares: AmiId, Size, Password", e.hint());
    }

    @Test
    public void of_missingValuesOnCreate_areAllNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ParameterPlan.of("t.yaml", DECLARED, Map.of(), Map.of(), List.of(), null));

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
                        () -> ParameterPlan.of("t.yaml", ssm, Map.of(), Map.of(), List.of(), null)).hint());
        assertEquals("pass --param Env=VALUE (params) or add it to the parameters file; Env takes one of: dev, prod",
                assertThrows(InvalidInputException.class,
                        () -> ParameterPlan.of("t.yaml", allowed, Map.of(), Map.of(), List.of(), null)).hint());
        assertEquals("pass --param Name=VALUE (params) or add it to the parameters file",
                assertThrows(InvalidInputException.class,
                        () -> ParameterPlan.of("t.yaml", plain, Map.of(), Map.of(), List.of(), null)).hint());
    }

    @Test
    public void of_keepParamOnNewStack_isRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParameterPlan.of("t.yaml", DECLARED,
                Map.of("AmiId", "a", "Password", "p4ss"), Map.of(), List.of("Size"), null));

        assertEquals("keepParams", e.field());
    }

    private static final TemplateParameter AMI = new TemplateParameter("AmiId", "AWS::EC2::Image::Id", false, false,
            List.of());

    @Test
    public void of_amiIdsForAnAmiParameter_passInBothLengths() {
        ParameterPlan plan = ParameterPlan.of("t.yaml", List.of(AMI), Map.of("AmiId", "ami-0123456789abcdef0"),
                Map.of(), List.of(), null);
        ParameterPlan old = ParameterPlan.of("t.yaml", List.of(AMI), Map.of("AmiId", "ami-12345678"), Map.of(),
                List.of(), null);

        assertEquals("ami-0123456789abcdef0", plan.values().get("AmiId"));
        assertEquals("ami-12345678", old.values().get("AmiId"));
    }

    @Test
    public void of_notAnAmiIdForAnAmiParameter_isRefusedNamingTheValue() {
        for (String value : List.of("latest", "", "ami-XYZ", "ami-0123456789abcdef", "AMI-0123456789ABCDEF0")) {
            InvalidInputException e = assertThrows(value, InvalidInputException.class, () -> ParameterPlan.of("t.yaml",
                    List.of(AMI), Map.of("AmiId", value), Map.of(), List.of(), null));

            assertEquals("stack parameter AmiId (type AWS::EC2::Image::Id) is '" + value + "', which is not an AMI ID;"
                    + " nothing was created", e.getMessage());
            assertEquals("AMI IDs look like ami-0123456789abcdef0", e.hint());
        }
    }

    @Test
    public void of_notAnAmiIdReadFromSsm_namesTheSsmParameterToRepublish() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParameterPlan.of("t.yaml",
                List.of(AMI), Map.of("AmiId", "latest"), Map.of("AmiId", "/DeploymentConfig/dev/App/AmiId"),
                List.of(), null));

        assertEquals("SSM parameter /DeploymentConfig/dev/App/AmiId (for stack parameter AmiId, type"
                + " AWS::EC2::Image::Id) holds 'latest', which is not an AMI ID; nothing was created", e.getMessage());
        assertTrue(e.hint(), e.hint().startsWith("publish an AMI ID to /DeploymentConfig/dev/App/AmiId"));
    }

    @Test
    public void of_amiList_checksEveryMember() {
        TemplateParameter list = new TemplateParameter("Amis", "List<AWS::EC2::Image::Id>", false, false, List.of());

        ParameterPlan plan = ParameterPlan.of("t.yaml", List.of(list), Map.of("Amis", "ami-12345678, ami-87654321"),
                Map.of(), List.of(), null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParameterPlan.of("t.yaml",
                List.of(list), Map.of("Amis", "ami-12345678,latest"), Map.of(), List.of(), null));

        assertEquals("ami-12345678, ami-87654321", plan.values().get("Amis"));
        assertTrue(e.getMessage(), e.getMessage().contains("is 'ami-12345678,latest', which is not a comma-separated"
                + " list of AMI IDs"));
    }

    @Test
    public void of_notAnAmiIdForANoEchoAmiParameter_doesNotShowTheValue() {
        TemplateParameter secret = new TemplateParameter("AmiId", "AWS::EC2::Image::Id", false, true, List.of());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParameterPlan.of("t.yaml",
                List.of(secret), Map.of("AmiId", "hidden-value"), Map.of(), List.of(), null));

        assertFalse(e.getMessage(), e.getMessage().contains("hidden-value"));
        assertTrue(e.getMessage(), e.getMessage().contains("is a value, which is not an AMI ID"));
    }

    @Test
    public void of_otherTypes_areLeftToCloudFormation() {
        TemplateParameter vpc = new TemplateParameter("VpcId", "AWS::EC2::VPC::Id", false, false, List.of());

        ParameterPlan plan = ParameterPlan.of("t.yaml", List.of(vpc), Map.of("VpcId", "latest"), Map.of(), List.of(),
                null);

        assertEquals("latest", plan.values().get("VpcId"));
    }
}
