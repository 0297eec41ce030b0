package io.bakehouse.library;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.PipelineHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.Before;
import org.junit.Test;

/**
 * The step contract: the library's steps (src/io/bakehouse/library/Steps.groovy) take exactly
 * the parameters docs/steps.md lists, with the same types and CLI commands, and the same
 * names as the Jenkins plugin's step classes.
 */
public class StepsTest {

    /** Parameters of the CLI and the shared library only (docs/steps.md: Jenkins agents use roles or credentials). */
    private static final Set<String> NOT_IN_PLUGIN = Set.of("profile");

    private final Path root = PipelineHarness.repositoryRoot();
    private StepsDoc doc;
    private Map<String, Map<String, String>> library;
    private Map<String, String> commands;

    @Before
    public void setUp() throws IOException {
        doc = StepsDoc.read(root.resolve("docs/steps.md"));
        library = new LinkedHashMap<>();
        commands = new LinkedHashMap<>();
        PipelineHarness harness = new PipelineHarness(root, Files.createTempDirectory("steps-test"));
        List<?> specs = (List<?>) InvokerHelper.invokeStaticMethod(
                harness.libraryClass("io.bakehouse.library.Steps"), "all", null);
        for (Object spec : specs) {
            String name = (String) InvokerHelper.getProperty(spec, "name");
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Object parameter : (List<?>) InvokerHelper.getProperty(spec, "parameters")) {
                parameters.put((String) InvokerHelper.getProperty(parameter, "name"),
                        (String) InvokerHelper.getProperty(parameter, "type"));
            }
            library.put(name, parameters);
            commands.put(name, (String) InvokerHelper.getProperty(spec, "command"));
        }
    }

    @Test
    public void all_stepNames_matchDocsStepsAndTheVars() throws IOException {
        assertEquals(new TreeSet<>(doc.parameters.keySet()), new TreeSet<>(library.keySet()));
        assertEquals(new TreeSet<>(library.keySet()), new TreeSet<>(
                new PipelineHarness(root, Files.createTempDirectory("steps-test")).varNames()));
    }

    @Test
    public void all_parameterNames_matchTheTablesOfDocsSteps() {
        for (String step : doc.parameters.keySet()) {
            assertEquals(step, new TreeSet<>(doc.parameters.get(step).keySet()), new TreeSet<>(library.get(step).keySet()));
        }
    }

    @Test
    public void all_parameterTypes_matchTheTablesOfDocsSteps() {
        for (String step : doc.parameters.keySet()) {
            assertEquals(step, new TreeMap<>(doc.parameters.get(step)), new TreeMap<>(library.get(step)));
        }
    }

    @Test
    public void all_cliCommands_matchTheHeadingsOfDocsSteps() {
        assertEquals(new TreeMap<>(doc.commands), new TreeMap<>(commands));
    }

    @Test
    public void parameterNames_ofEveryPluginStep_matchTheLibrary_orOnlyDocsWhenPluginSourcesAreAbsent() throws IOException {
        Path plugin = root.resolve("plugin/src/main/java");
        if (!Files.isDirectory(plugin)) {
            // No plugin sources in this checkout: the docs are the contract to hold to.
            all_parameterNames_matchTheTablesOfDocsSteps();
            return;
        }
        Map<String, Set<String>> pluginSteps = PluginStepSources.read(plugin);
        assertFalse("no step found in the plugin sources", pluginSteps.isEmpty());
        assertTrue("plugin steps unknown to the library: " + pluginSteps.keySet(),
                library.keySet().containsAll(pluginSteps.keySet()));
        for (String step : pluginSteps.keySet()) {
            Set<String> expected = new TreeSet<>(library.get(step).keySet());
            expected.removeAll(NOT_IN_PLUGIN);
            assertEquals(step + " in the plugin", expected, new TreeSet<>(pluginSteps.get(step)));
        }
    }

    @Test
    public void pluginSources_constructorSettersFieldsAndSuperclass_areAllRead() {
        String base = "public abstract class AwsStep extends Step {\n"
                + "  @DataBoundSetter public void setRegion(String region) {}\n"
                + "  @DataBoundSetter\n  public void setRoleArn(String roleArn) {}\n"
                + "  @DataBoundSetter private @CheckForNull String endpointUrl;\n}\n";
        String step = "public class CfnDeployStep extends AwsStep {\n"
                + "  @DataBoundConstructor\n  public CfnDeployStep(@NonNull String stack, Map<String, String> params) {}\n"
                + "  @DataBoundSetter public void setTimeout(String timeout) {}\n"
                + "  @Extension public static class DescriptorImpl extends StepDescriptor {\n"
                + "    @Override public String getFunctionName() { return \"cfnDeploy\"; }\n  }\n}\n";
        Map<String, Set<String>> steps = PluginStepSources.fromSources(Map.of("AwsStep", base, "CfnDeployStep", step));
        assertEquals(Set.of("cfnDeploy"), steps.keySet());
        assertEquals(Set.of("stack", "params", "timeout", "region", "roleArn", "endpointUrl"), steps.get("cfnDeploy"));
    }
}
