package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KeyValueFilesTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private String file(String text) throws IOException {
        Path p = tmp.newFile().toPath();
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    public void readParams_awsCliList_readsValuesAndUsePreviousValue() throws IOException {
        KeyValueFiles.Params p = KeyValueFiles.readParams(file("[{\"ParameterKey\": \"A\", \"ParameterValue\": \"1\"},"
                + " {\"ParameterKey\": \"B\", \"UsePreviousValue\": true}]"));

        assertEquals(Map.of("A", "1"), p.values());
        assertEquals(List.of("B"), p.keep());
    }

    @Test
    public void readParams_yamlMapWithNumbersAndLists_readsThemAsText() throws IOException {
        KeyValueFiles.Params p = KeyValueFiles.readParams(file("Count: 3\nEnabled: true\nSubnets: [a, b]\n"));

        assertEquals(Map.of("Count", "3", "Enabled", "true", "Subnets", "a,b"), p.values());
    }

    @Test
    public void readParams_codePipelineTemplateConfiguration_readsItsParameters() throws IOException {
        KeyValueFiles.Params p = KeyValueFiles.readParams(file("{\"Parameters\": {\"A\": \"x\"}}"));

        assertEquals(Map.of("A", "x"), p.values());
    }

    @Test
    public void readParams_missingFile_isAUsageErrorNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KeyValueFiles.readParams("/no/such/params.json"));

        assertEquals("paramsFile", e.field());
    }

    @Test
    public void readParams_unknownForm_explainsTheKnownForms() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KeyValueFiles.readParams(file("just text")));

        assertTrue(e.hint(), e.hint().contains("AWS CLI's JSON list form"));
    }

    @Test
    public void readTags_awsCliListAndMap_readTheSame() throws IOException {
        assertEquals(Map.of("team", "bakers"), KeyValueFiles.readTags(file("[{\"Key\": \"team\", \"Value\": \"bakers\"}]")));
        assertEquals(Map.of("team", "bakers"), KeyValueFiles.readTags(file("team: bakers\n")));
    }
}
