package io.bakehouse.library;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import io.bakehouse.harness.PipelineHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.Before;
import org.junit.Test;

/**
 * The step contract, library face: the steps the library's Groovy builds
 * (src/io/bakehouse/library/Steps.groovy over the generated StepTable) take exactly the
 * parameters the contract gives the shared library, with its types, requirements and CLI
 * commands; the vars are those steps; and the plugin's step classes take the contract's
 * Jenkins parameters (read from their sources here, so that a checkout without the plugin's
 * build still holds the library to the contract).
 */
public class StepsTest {

    private static final StepContract CONTRACT = StepContract.load();

    private final Path root = PipelineHarness.repositoryRoot();
    private final Map<String, Object> library = new LinkedHashMap<>();

    @Before
    public void setUp() throws IOException {
        PipelineHarness harness = new PipelineHarness(root, Files.createTempDirectory("steps-test"));
        List<?> specs = (List<?>) InvokerHelper.invokeStaticMethod(
                harness.libraryClass("io.bakehouse.library.Steps"), "all", null);
        for (Object spec : specs) {
            library.put(prop(spec, "name"), spec);
        }
    }

    @Test
    public void all_stepNames_matchTheContractAndTheVars() throws IOException {
        Set<String> steps = new TreeSet<>(CONTRACT.steps().stream().map(Step::name).toList());
        assertEquals(steps, new TreeSet<>(library.keySet()));
        assertEquals(steps, new TreeSet<>(new PipelineHarness(root, Files.createTempDirectory("steps-test")).varNames()));
    }

    @Test
    public void all_parameters_areTheContractsLibraryParameters_withTheirTypesAndRequirements() {
        for (Step step : CONTRACT.steps()) {
            List<String> expected = new ArrayList<>();
            for (Parameter p : CONTRACT.parameters(step, Face.LIBRARY)) {
                // a parameter required unless another is given is required, with a requiredUnless entry
                boolean required = p.required() || p.requiredUnless() != null;
                expected.add(p.name() + ":" + p.type().key() + (required ? ":required" : ""));
            }
            List<String> actual = new ArrayList<>();
            for (Object p : (List<?>) InvokerHelper.getProperty(library.get(step.name()), "parameters")) {
                actual.add(prop(p, "name") + ":" + prop(p, "type")
                        + (Boolean.TRUE.equals(InvokerHelper.getProperty(p, "required")) ? ":required" : ""));
            }
            assertEquals(step.name(), expected, actual);
        }
    }

    @Test
    public void all_requiredUnless_isTheContracts() {
        for (Step step : CONTRACT.steps()) {
            Map<String, String> expected = new LinkedHashMap<>();
            step.parameters().stream().filter(p -> p.requiredUnless() != null)
                    .forEach(p -> expected.put(p.name(), p.requiredUnless()));
            assertEquals(step.name(), expected, InvokerHelper.getProperty(library.get(step.name()), "requiredUnless"));
        }
    }

    @Test
    public void all_cliCommands_areTheContracts() {
        for (Step step : CONTRACT.steps()) {
            assertEquals(step.name(), step.command(), prop(library.get(step.name()), "command"));
        }
    }

    @Test
    public void parameterNames_ofEveryPluginStep_areTheContractsJenkinsParameters() throws IOException {
        Path plugin = root.resolve("plugin/src/main/java");
        if (!Files.isDirectory(plugin)) {
            // No plugin sources in this checkout: the plugin's own tests hold it to the contract.
            return;
        }
        Map<String, Set<String>> pluginSteps = PluginStepSources.read(plugin);
        assertFalse("no step found in the plugin sources", pluginSteps.isEmpty());
        assertEquals(new TreeSet<>(library.keySet()), new TreeSet<>(pluginSteps.keySet()));
        for (Step step : CONTRACT.steps()) {
            Set<String> expected = new TreeSet<>(CONTRACT.parameters(step, Face.JENKINS).stream().map(Parameter::name).toList());
            assertEquals(step.name() + " in the plugin", expected, new TreeSet<>(pluginSteps.get(step.name())));
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

    private static String prop(Object o, String property) {
        return (String) InvokerHelper.getProperty(o, property);
    }
}
