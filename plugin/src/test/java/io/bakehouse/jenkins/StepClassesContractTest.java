package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The Jenkins face of the step contract: each step of the contract is a step class of the
 * plugin (its {@code jenkins.class}, with the step's function name) whose constructor takes the
 * required parameters and whose setters take the others, each of the contract's type; the
 * common parameters are {@link AwsStep}'s. The build generated each parameter's help page and
 * each form (config.jelly, aws-options.jelly) from the contract; they are on the class path.
 */
public class StepClassesContractTest {

    private static final StepContract CONTRACT = ContractParameters.CONTRACT;
    private static final Pattern FIELD = Pattern.compile("<f:entry field=\"([A-Za-z0-9]+)\"");

    @Test
    public void everyStep_isAPluginStepClass_withItsFunctionName() throws Exception {
        for (Step step : CONTRACT.steps()) {
            Class<?> c = Class.forName(step.jenkinsClass());
            assertTrue(c + " is an AwsStep", AwsStep.class.isAssignableFrom(c));
            assertEquals(step.jenkinsClass(), step.name(), c.getField("FUNCTION_NAME").get(null));
        }
        assertEquals(AwsStep.class.getName(), CONTRACT.common().jenkinsClass());
    }

    @Test
    public void constructor_takesTheRequiredParameters_settersTheOthers() throws Exception {
        for (Step step : CONTRACT.steps()) {
            Class<?> c = Class.forName(step.jenkinsClass());
            List<String> required = step.parameters().stream().filter(p -> p.in(Face.JENKINS) && p.required())
                    .map(Parameter::name).toList();
            assertEquals(step.name() + ": @DataBoundConstructor", required, ContractParameters.constructorParameters(c));
            List<String> optional = new ArrayList<>();
            CONTRACT.parameters(step, Face.JENKINS).stream().filter(p -> !p.required()).forEach(p -> optional.add(p.name()));
            assertEquals(step.name() + ": @DataBoundSetters", new java.util.TreeSet<>(optional),
                    new java.util.TreeSet<>(ContractParameters.setters(c).keySet()));
        }
    }

    @Test
    public void setters_takeTheContractsTypes() throws Exception {
        for (Step step : CONTRACT.steps()) {
            Map<String, Class<?>> setters = ContractParameters.setters(Class.forName(step.jenkinsClass()));
            for (Parameter p : CONTRACT.parameters(step, Face.JENKINS)) {
                if (setters.containsKey(p.name())) {
                    assertEquals(step.name() + "." + p.name(), javaType(p), setters.get(p.name()));
                }
            }
        }
    }

    @Test
    public void everyParameter_hasItsGeneratedHelpPage_andEveryStepItsHelpAndForm() throws IOException {
        for (Step step : CONTRACT.steps()) {
            String folder = folder(step.jenkinsClass());
            for (Parameter p : step.parameters()) {
                if (p.in(Face.JENKINS)) {
                    assertTrue(step.name() + "." + p.name(), resource(folder + "help-" + p.name() + ".html").startsWith("<div>"));
                }
            }
            assertTrue(step.name(), resource(folder + "help.html").contains("Returns a map:"));
        }
        for (Parameter p : CONTRACT.common().parameters()) {
            if (p.in(Face.JENKINS)) {
                assertNotNull(p.name(), resource(folder(AwsStep.class.getName()) + "help-" + p.name() + ".html"));
            }
        }
    }

    @Test
    public void forms_haveAFieldForEveryParameterThatIsNoListOrMap_inTheContractsOrder() throws IOException {
        for (Step step : CONTRACT.steps()) {
            String jelly = resource(folder(step.jenkinsClass()) + "config.jelly");
            assertEquals(step.name(), formFields(step), fields(jelly));
            assertTrue(step.name(), jelly.contains("<st:include page=\"aws-options.jelly\" class=\"${descriptor.clazz}\"/>"));
        }
        assertEquals(formFields(CONTRACT.common()), fields(resource(folder(AwsStep.class.getName()) + "aws-options.jelly")));
    }

    private static List<String> formFields(Step step) {
        return step.parameters().stream().filter(p -> p.jenkins() != null).map(Parameter::name).toList();
    }

    private static List<String> fields(String jelly) {
        List<String> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(jelly);
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    private static Class<?> javaType(Parameter p) {
        return switch (p.type()) {
            case STRING, DURATION -> String.class;
            case BOOLEAN -> boolean.class;
            case INT -> Integer.class;
            case LIST -> List.class;
            case MAP -> Map.class;
        };
    }

    private static String folder(String className) {
        return className.replace('.', '/') + "/";
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = StepClassesContractTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull("no " + path + " on the class path (the build generates it from the step contract)", in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
