package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import org.junit.Test;

public class TemplateSourceTest {

    @Test
    public void declaredParameters_yamlWithShortFormTags_readsDefaultsAndNoEcho() {
        List<TemplateParameter> p = TemplateSource.declaredParameters("t.yaml", String.join("\n",
                "Parameters:", "  A: {Type: String}", "  B: {Type: String, Default: x}",
                "  C: {Type: String, NoEcho: true}", "Resources:", "  Q: {Type: 'AWS::SQS::Queue', Properties: {QueueName: !Ref A}}"));

        assertEquals(List.of(new TemplateParameter("A", false, false), new TemplateParameter("B", true, false),
                new TemplateParameter("C", false, true)), p);
    }

    @Test
    public void declaredParameters_json_isRead() {
        assertEquals(1, TemplateSource.declaredParameters("t.json",
                "{\"Parameters\": {\"A\": {\"Type\": \"String\"}}, \"Resources\": {}}").size());
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
