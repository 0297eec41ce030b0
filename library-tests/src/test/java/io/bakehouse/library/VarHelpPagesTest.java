package io.bakehouse.library;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.PipelineHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Test;

/** Each var's help page (vars/NAME.txt, shown in Jenkins' global variable reference) documents the whole step. */
public class VarHelpPagesTest {

    private final Path vars = PipelineHarness.repositoryRoot().resolve("vars");
    private StepsDoc doc;

    @Before
    public void setUp() throws IOException {
        doc = StepsDoc.read(PipelineHarness.repositoryRoot().resolve("docs/steps.md"));
    }

    @Test
    public void helpPages_existForEveryVarAndNothingElse() throws IOException {
        assertEquals(names(".groovy"), names(".txt"));
        assertEquals(new TreeSet<>(doc.parameters.keySet()), names(".txt"));
    }

    @Test
    public void helpPage_namesEveryParameter() throws IOException {
        for (String step : doc.parameters.keySet()) {
            String page = page(step);
            for (String parameter : doc.parameters.get(step).keySet()) {
                assertTrue(step + ".txt does not document " + parameter, page.contains("<code>" + parameter + "</code>"));
            }
        }
    }

    @Test
    public void helpPage_namesEveryResultKey() throws IOException {
        assertEquals(doc.parameters.keySet(), doc.results.keySet());
        for (String step : doc.results.keySet()) {
            String page = page(step);
            for (String key : doc.results.get(step)) {
                assertTrue(step + ".txt does not name the result key " + key, page.contains("<code>" + key + "</code>"));
            }
        }
    }

    @Test
    public void helpPage_hasAnExampleCall() throws IOException {
        for (String step : doc.parameters.keySet()) {
            String page = page(step);
            int example = page.indexOf("<pre>");
            assertTrue(step + ".txt has no example", example >= 0 && page.indexOf(step + "(", example) > example);
        }
    }

    private String page(String step) throws IOException {
        return Files.readString(vars.resolve(step + ".txt"), StandardCharsets.UTF_8);
    }

    private Set<String> names(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(vars)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
