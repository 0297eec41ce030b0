package io.bakehouse.library;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.ResultKey;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import io.bakehouse.harness.PipelineHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Each var's help page (vars/NAME.txt, shown in Jenkins' global variable reference, generated
 * from the step contract) documents the whole step: every parameter the library takes, every
 * result key, and an example call.
 */
public class VarHelpPagesTest {

    private static final StepContract CONTRACT = StepContract.load();

    private final Path vars = PipelineHarness.repositoryRoot().resolve("vars");

    @Test
    public void helpPages_existForEveryVarAndNothingElse() throws IOException {
        assertEquals(names(".groovy"), names(".txt"));
        assertEquals(new TreeSet<>(CONTRACT.steps().stream().map(Step::name).toList()), names(".txt"));
    }

    @Test
    public void helpPage_namesEveryParameter() throws IOException {
        for (Step step : CONTRACT.steps()) {
            String page = page(step.name());
            for (Parameter p : CONTRACT.parameters(step, Face.LIBRARY)) {
                assertTrue(step.name() + ".txt does not document " + p.name(), page.contains("<dt><code>" + p.name() + "</code>"));
            }
        }
    }

    @Test
    public void helpPage_namesEveryResultKey() throws IOException {
        for (Step step : CONTRACT.steps()) {
            String page = page(step.name());
            for (ResultKey key : step.results()) {
                assertTrue(step.name() + ".txt does not name the result key " + key.name(),
                        page.contains("<code>" + key.name() + "</code>"));
            }
        }
    }

    @Test
    public void helpPage_hasAnExampleCall() throws IOException {
        for (Step step : CONTRACT.steps()) {
            String page = page(step.name());
            int example = page.indexOf("<pre>");
            assertTrue(step.name() + ".txt has no example", example >= 0 && page.indexOf(step.name() + "(", example) > example);
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
