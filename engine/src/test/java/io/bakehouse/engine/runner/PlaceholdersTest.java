package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.json.Yaml;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class PlaceholdersTest {

    private static JsonNode yaml(String text) throws Exception {
        return Yaml.MAPPER.readTree(text);
    }

    @Test
    public void mask_flowSequenceYamlCannotRead_becomesReadableAndRestoresAsWritten() throws Exception {
        Placeholders p = Placeholders.mask("subnets: [${SubnetList}]\nurl: ${Bucket.Arn}/x/${AWS::Region}\n");

        assertFalse(p.masked(), p.masked().contains("${"));
        JsonNode root = yaml(p.masked());
        assertEquals("${SubnetList}", p.restore(root.get("subnets").get(0).asText()));
        assertEquals("${Bucket.Arn}/x/${AWS::Region}", p.restore(root.get("url").asText()));
        assertEquals(Set.of("${SubnetList}", "${Bucket.Arn}", "${AWS::Region}"), p.in(root));
    }

    @Test
    public void in_countsKeysAndValuesButNotComments_inOrderOfFirstAppearance() throws Exception {
        Placeholders p = Placeholders.mask("# ${Commented}\nb: ${Second}\n${First}: [x, '${Second}']\n");

        assertEquals(List.of("${Second}", "${First}"), List.copyOf(p.in(yaml(p.masked()))));
    }

    @Test
    public void mask_textAlreadyHoldingTheWord_usesAnotherOne() throws Exception {
        Placeholders p = Placeholders.mask("a: bakehousePlaceholder0Z\nb: ${Real}\n");

        JsonNode root = yaml(p.masked());
        assertEquals("bakehousePlaceholder0Z", p.restore(root.get("a").asText()));
        assertEquals("${Real}", p.restore(root.get("b").asText()));
        assertEquals(Set.of("${Real}"), p.in(root));
    }

    @Test
    public void mask_escapedOrMalformed_areNoPlaceholders() {
        String text = "a: ${!Literal} ${with space} ${a-b} ${} $Name {Name}\n";
        assertEquals(text, Placeholders.mask(text).masked());
    }

    @Test
    public void restoreAll_nestedMapsAndLists() {
        Placeholders p = Placeholders.mask("${A} ${B} ${A10}");
        String[] words = p.masked().split(" ");

        Object restored = p.restoreAll(Map.of("k", List.of(words[0], Map.of(words[1], words[2] + "/x")), "n", 3));
        assertEquals(Map.of("k", List.of("${A}", Map.of("${B}", "${A10}/x")), "n", 3), restored);
        assertEquals("${A10}", p.restore(words[2]));
    }
}
