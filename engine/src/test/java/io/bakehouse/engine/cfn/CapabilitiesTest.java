package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class CapabilitiesTest {

    private static Map<String, String> needed(String... yaml) {
        return Capabilities.needed(TemplateDocument.parse("t.yaml", String.join("\n", yaml)));
    }

    private static TemplateSummary needs(String capability, String reason) {
        return new TemplateSummary(List.of(), Map.of(capability, reason));
    }

    @Test
    public void needed_plainResources_needNothing() {
        assertEquals(Map.of(), needed("Resources:", "  Q: {Type: 'AWS::SQS::Queue'}",
                "  T: {Type: 'AWS::SNS::Topic', Properties: {TopicName: !Sub '${AWS::StackName}-t'}}"));
    }

    @Test
    public void needed_iamResources_needIamNamingThem() {
        assertEquals(Map.of("CAPABILITY_IAM", "IAM resources: BuildRole, Deployer"), needed("Resources:",
                "  BuildRole: {Type: 'AWS::IAM::Role', Properties: {AssumeRolePolicyDocument: {}}}",
                "  Deployer: {Type: 'AWS::IAM::User'}", "  Q: {Type: 'AWS::SQS::Queue'}"));
    }

    @Test
    public void needed_eachOfTheEightIamTypes_needsIam() {
        for (String type : List.of("AccessKey", "Group", "InstanceProfile", "ManagedPolicy", "Policy", "Role", "User",
                "UserToGroupAddition")) {
            assertEquals(type, Set.of("CAPABILITY_IAM"),
                    needed("Resources:", "  R: {Type: 'AWS::IAM::" + type + "'}").keySet());
        }
    }

    @Test
    public void needed_customNamedIamResource_needsNamedIamOnly() {
        assertEquals(Map.of("CAPABILITY_NAMED_IAM", "IAM resources with custom names: Named"), needed("Resources:",
                "  Named:", "    Type: AWS::IAM::Role", "    Properties:",
                "      RoleName: !Sub '${AWS::StackName}-deployer'", "  Plain: {Type: 'AWS::IAM::Role'}"));
    }

    @Test
    public void needed_nameLeftOutWithNoValue_isNotACustomName() {
        assertEquals(Set.of("CAPABILITY_IAM"), needed("Resources:", "  R:", "    Type: AWS::IAM::Role",
                "    Properties:", "      RoleName: !Ref AWS::NoValue").keySet());
    }

    @Test
    public void needed_policyName_isNotACustomNameOfAnIamIdentity() {
        assertEquals(Set.of("CAPABILITY_IAM"), needed("Resources:", "  P:", "    Type: AWS::IAM::Policy",
                "    Properties: {PolicyName: inline, Roles: [r], PolicyDocument: {}}").keySet());
    }

    @Test
    public void needed_macroAlone_needsNothingInAChangeSet() {
        assertEquals(Map.of(), needed("Transform: AWS::Serverless-2016-10-31", "Resources:",
                "  Fn: {Type: 'AWS::Serverless::Function', Properties: {Runtime: python3.12}}"));
    }

    @Test
    public void needed_nestedStackAlone_needsNothing() {
        assertEquals(Map.of(), needed("Resources:",
                "  Child: {Type: 'AWS::CloudFormation::Stack', Properties: {TemplateURL: 'https://b.s3.amazonaws.com/c'}}"));
    }

    @Test
    public void needed_macroWithNestedStack_needsAutoExpand() {
        assertEquals(Map.of("CAPABILITY_AUTO_EXPAND", "macros (AWS::LanguageExtensions) with nested stacks: Child"),
                needed("Transform: [AWS::LanguageExtensions]", "Resources:",
                        "  Child: {Type: 'AWS::CloudFormation::Stack', Properties: {TemplateURL: 'https://b/c'}}"));
        assertEquals(Set.of("CAPABILITY_AUTO_EXPAND"), needed("Transform: AWS::Serverless-2016-10-31", "Resources:",
                "  App: {Type: 'AWS::Serverless::Application', Properties: {Location: 'https://b/app.yaml'}}").keySet());
    }

    @Test
    public void needed_inlineTransformWithNestedStack_needsAutoExpand() {
        assertEquals(Map.of("CAPABILITY_AUTO_EXPAND", "macros (AWS::Include) with nested stacks: Child"), needed(
                "Resources:", "  Child:", "    Type: AWS::CloudFormation::Stack", "    Properties:",
                "      TemplateURL: https://b/c", "      Parameters:",
                "        'Fn::Transform': {Name: 'AWS::Include', Parameters: {Location: 's3://b/p.yaml'}}"));
        assertEquals(Set.of("CAPABILITY_AUTO_EXPAND"), needed("Resources:", "  Child:",
                "    Type: AWS::CloudFormation::Stack", "    Properties:",
                "      TemplateURL: !Transform {Name: MyMacro}").keySet());
    }

    @Test
    public void needed_resourcesAForEachLoopWrites_areCounted() {
        assertEquals(Map.of("CAPABILITY_IAM", "IAM resources: Role${Name}"), needed(
                "Transform: AWS::LanguageExtensions", "Resources:", "  'Fn::ForEach::Roles':", "    - Name",
                "    - [a, b]", "    - 'Role${Name}':", "        Type: AWS::IAM::Role"));
    }

    @Test
    public void require_missingCapability_isNamedWithTheReason() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Capabilities.require(List.of(), needs("CAPABILITY_IAM", "IAM resources: BuildRole")));

        assertEquals("the template needs CAPABILITY_IAM (IAM resources: BuildRole); nothing was changed",
                e.getMessage());
        assertEquals("acknowledge it with --capability CAPABILITY_IAM (capabilities)", e.hint());
    }

    @Test
    public void require_namedIamGiven_coversIam() {
        Capabilities.require(List.of("CAPABILITY_NAMED_IAM"), needs("CAPABILITY_IAM", "r"));
        Capabilities.require(List.of("CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"), new TemplateSummary(List.of(),
                Map.of("CAPABILITY_IAM", "r", "CAPABILITY_AUTO_EXPAND", "m")));
        assertEquals("capabilities", assertThrows(InvalidInputException.class,
                () -> Capabilities.require(List.of("CAPABILITY_IAM"), needs("CAPABILITY_NAMED_IAM", "n"))).field());
    }

    @Test
    public void require_severalMissing_namesEachWithItsReason() {
        Map<String, String> two = new LinkedHashMap<>();
        two.put("CAPABILITY_IAM", "IAM resources: R");
        two.put("CAPABILITY_AUTO_EXPAND", "macros (M) with nested stacks: C");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Capabilities.require(List.of(),
                new TemplateSummary(List.of(), two)));
        assertEquals("the template needs CAPABILITY_IAM and CAPABILITY_AUTO_EXPAND (IAM resources: R;"
                + " macros (M) with nested stacks: C); nothing was changed", e.getMessage());
    }
}
