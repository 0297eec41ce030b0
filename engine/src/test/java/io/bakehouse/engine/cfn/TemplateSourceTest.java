package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class TemplateSourceTest {

    @Test
    public void summarise_yamlWithShortFormTags_readsParametersAsDeclared() {
        TemplateSummary s = TemplateSource.summarise("t.yaml", String.join("\n",
                "Parameters:", "  A: {Type: String}", "  B: {Type: Number, Default: 2}",
                "  C: {Type: String, NoEcho: true}", "  D: {Type: String, Default: dev, AllowedValues: [dev, prod]}",
                "  E: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/ami, NoEcho: 'True'}",
                "Resources:", "  Q: {Type: 'AWS::SQS::Queue', Properties: {QueueName: !Ref A}}"));

        assertEquals(List.of(new TemplateParameter("A", "String", false, false, List.of()),
                new TemplateParameter("B", "Number", true, false, List.of()),
                new TemplateParameter("C", "String", false, true, List.of()),
                new TemplateParameter("D", "String", true, false, List.of("dev", "prod")),
                new TemplateParameter("E", "AWS::SSM::Parameter::Value<String>", true, true, List.of())),
                s.parameters());
        assertEquals(Map.of(), s.capabilities());
    }

    @Test
    public void summarise_unusedParameter_isDeclaredLikeAnyOther() {
        TemplateSummary s = TemplateSource.summarise("t.yaml", "Parameters:\n  Replicas: {Type: Number, Default: 2}\n"
                + "Resources:\n  Q: {Type: 'AWS::SQS::Queue'}\n");

        assertEquals(List.of("Replicas"), s.parameters().stream().map(TemplateParameter::key).toList());
    }

    @Test
    public void summarise_nullDefault_isNoDefault() {
        assertEquals(List.of(new TemplateParameter("A", "String", false, false, List.of())), TemplateSource.summarise(
                "t.yaml", "Parameters:\n  A:\n    Type: String\n    Default:\nResources: {}\n").parameters());
    }

    @Test
    public void summarise_json_readsParametersAndCapabilities() {
        TemplateSummary s = TemplateSource.summarise("t.json", "{\"Parameters\": {\"A\": {\"Type\": \"String\"}},"
                + " \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\"}}}");

        assertEquals(1, s.parameters().size());
        assertEquals(Map.of("CAPABILITY_IAM", "IAM resources: R"), s.capabilities());
    }

    @Test
    public void normaliseUrl_s3Scheme_becomesHttps() {
        assertEquals("https://templates.s3.eu-west-1.amazonaws.com/app/t.yaml",
                TemplateSource.normaliseUrl("s3://templates/app/t.yaml", "eu-west-1"));
        assertEquals("https://s3.eu-west-1.amazonaws.com/my.templates/t.yaml",
                TemplateSource.normaliseUrl("s3://my.templates/t.yaml", "eu-west-1"));
    }

    @Test
    public void read_missingFile_isAUsageError() {
        assertEquals("template", assertThrows(InvalidInputException.class,
                () -> TemplateSource.read("/no/such/template.yaml")).field());
    }
}
