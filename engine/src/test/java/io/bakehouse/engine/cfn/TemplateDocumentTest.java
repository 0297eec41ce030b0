package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
import org.junit.Test;

public class TemplateDocumentTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    public void parse_yamlShortForms_becomeTheLongForms() throws Exception {
        JsonNode t = TemplateDocument.parse("t.yaml", String.join("\n",
                "# a comment",
                "A: !Ref Env            # trailing comment",
                "B: !GetAtt Queue.Arn",
                "C: !If [IsProd, !Sub '${AWS::StackName}-p', !Ref AWS::NoValue]",
                "D: !Select [0, !GetAZs '']",
                "E: !Join ['-', [a, !FindInMap [Sizes, !Ref Env, Count]]]",
                "F: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}",
                "G: !Equals [!Ref Env, prod]",
                "H: !Condition IsProd",
                "I: !Sub |",
                "  line ${Env}",
                "J: !GetAtt [Queue, QueueName]",
                "K: !!str 5",
                ""));

        assertEquals(json("{\"Ref\": \"Env\"}"), t.get("A"));
        assertEquals(json("{\"Fn::GetAtt\": [\"Queue\", \"Arn\"]}"), t.get("B"));
        assertEquals(json("{\"Fn::If\": [\"IsProd\", {\"Fn::Sub\": \"${AWS::StackName}-p\"},"
                + " {\"Ref\": \"AWS::NoValue\"}]}"), t.get("C"));
        assertEquals(json("{\"Fn::Select\": [0, {\"Fn::GetAZs\": \"\"}]}"), t.get("D"));
        assertEquals(json("{\"Fn::Join\": [\"-\", [\"a\", {\"Fn::FindInMap\": [\"Sizes\", {\"Ref\": \"Env\"},"
                + " \"Count\"]}]]}"), t.get("E"));
        assertEquals(json("{\"Fn::Transform\": {\"Name\": \"AWS::Include\", \"Parameters\":"
                + " {\"Location\": \"s3://b/k\"}}}"), t.get("F"));
        assertEquals(json("{\"Fn::Equals\": [{\"Ref\": \"Env\"}, \"prod\"]}"), t.get("G"));
        assertEquals(json("{\"Condition\": \"IsProd\"}"), t.get("H"));
        assertEquals(json("{\"Fn::Sub\": \"line ${Env}\\n\"}"), t.get("I"));
        assertEquals(json("{\"Fn::GetAtt\": [\"Queue\", \"QueueName\"]}"), t.get("J"));
        assertEquals(json("\"5\""), t.get("K"));
    }

    @Test
    public void parse_tabIndentedJson_isReadAsJson() {
        JsonNode t = TemplateDocument.parse("t.json",
                "{\n\t\"Resources\": {\n\t\t\"Q\": {\"Type\": \"AWS::SQS::Queue\"}\n\t}\n}\n");

        assertEquals("AWS::SQS::Queue", t.path("Resources").path("Q").path("Type").asText());
    }

    @Test
    public void parse_byteOrderMark_isIgnored() {
        assertEquals("AWS::SQS::Queue", TemplateDocument.parse("t.json", "\uFEFF{\"Resources\": {\"Q\": {\"Type\":"
                + " \"AWS::SQS::Queue\"}}}").path("Resources").path("Q").path("Type").asText());
        assertEquals("AWS::SQS::Queue", TemplateDocument.parse("t.yaml",
                "\uFEFFResources:\n  Q: {Type: AWS::SQS::Queue}\n").path("Resources").path("Q").path("Type").asText());
    }

    @Test
    public void parse_yamlFlowMap_isReadAsYaml() {
        JsonNode t = TemplateDocument.parse("t.yaml", "{Resources: {Q: {Type: !Sub 'AWS::SQS::Queue'}}}\n");

        assertEquals("AWS::SQS::Queue", t.path("Resources").path("Q").path("Type").path("Fn::Sub").asText());
    }

    @Test
    public void parse_numbersAndBooleans_keepTheirText() {
        JsonNode t = TemplateDocument.parse("t.yaml", "A: 2\nB: 1.50\nC: true\nD: .inf\n");

        assertEquals("2", t.get("A").asText());
        assertEquals("1.50", t.get("B").asText());
        assertTrue(t.get("C").asBoolean());
        assertEquals(".inf", t.get("D").asText());
    }

    @Test
    public void parse_brokenText_isAUsageErrorNamingTheFile() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TemplateDocument.parse("t.yaml", "Resources:\n  Q: [unclosed\n"));

        assertEquals("template", e.field());
        assertEquals("template t.yaml is neither JSON nor YAML: expected ',' or ']', but got <stream end>"
                + " (line 3, column 1)", e.getMessage());
    }

    @Test
    public void parse_brokenJson_reportsTheJsonError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TemplateDocument.parse("t.json", "{\"Resources\": {\"Q\": [}}"));

        assertEquals("template t.json is neither JSON nor YAML: Unexpected close marker '}': expected ']'"
                + " (line 1, column 22)", e.getMessage());
    }

    @Test
    public void parse_listOrEmpty_isNoTemplate() {
        assertTrue(assertThrows(InvalidInputException.class, () -> TemplateDocument.parse("t.yaml", "- a\n"))
                .getMessage().contains("no top-level map"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TemplateDocument.parse("t.yaml", "# nothing\n"))
                .getMessage().contains("no top-level map"));
    }
}
