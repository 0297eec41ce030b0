package io.bakehouse.engine.contract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.ChangeRow;
import io.bakehouse.engine.cfn.StackEvent;
import io.bakehouse.engine.ecs.EcsServiceDeployResult;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.packer.Artifact;
import io.bakehouse.engine.packer.PackerBuildResult;
import io.bakehouse.engine.runner.EcsRunResult;
import io.bakehouse.engine.site.PublishSiteResult;
import io.bakehouse.engine.ssm.PublishAmiParamResult;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The contract against the engine: every parameter lands in the engine where the contract says
 * (a field of the step's request, or a member named in {@code engine}), every field of a request
 * is some parameter's (or says why not), and each result has exactly the contract's keys.
 */
public class StepContractEngineTest {

    private static final StepContract CONTRACT = StepContract.load();

    /** A result of each step, as the engine returns it. */
    private static final Map<String, JsonValue> SAMPLE_RESULTS = Map.of(
            "publishAmiParam", new PublishAmiParamResult("/app/ami", List.of(new PublishAmiParamResult.RegionResult(
                    "us-east-1", "ami-0123456789abcdef0", 2, "ami-0fedcba9876543210", 1L, true, List.of("build-1")))),
            "cfnDeploy", new CfnDeployResult("app", "UPDATE_COMPLETE", "arn:stack", Map.of("Url", "u"), "arn:cs", "cs",
                    false, true, List.of(new ChangeRow("Modify", "Q", "AWS::SQS::Queue", "False")),
                    List.of(new StackEvent("e1", Instant.EPOCH, "Q", "AWS::SQS::Queue", "UPDATE_COMPLETE", null))),
            "packerBuild", new PackerBuildResult("ami-0123456789abcdef0", Map.of("us-east-1", "ami-0123456789abcdef0"),
                    List.of(new Artifact("aws", "amazon-ebs", "us-east-1:ami-0123456789abcdef0")), null, "key", false),
            "ecsDeployRunner", new EcsRunResult(0, "arn:task", "group", "stream", "EssentialContainerExited", "done", null),
            "ecsServiceDeploy", new EcsServiceDeployResult("arn:td:app:2", "arn:td:app:1", "ecs-svc/1", "COMPLETED", 2,
                    Map.of("web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v2"), false),
            "publishSite", new PublishSiteResult("app-site", "www/", 3, 4, 1, 2048L, "I2J0I21PCUYOIK", List.of("/index.html"),
                    false));

    @Test
    public void everyParameter_landsWhereItsEngineTargetSays() {
        List<String> missing = new ArrayList<>();
        for (Step step : steps()) {
            for (Parameter p : step.parameters()) {
                if ("none".equals(p.engine())) {
                    assertEquals(step.name() + "." + p.name() + ": only a CLI presentation option lands nowhere",
                            Set.of(Face.CLI), p.faces());
                    continue;
                }
                String target = target(p);
                if (!resolves(step, target)) {
                    missing.add(step.name() + "." + p.name() + " → " + target);
                }
            }
        }
        assertEquals("parameters whose engine target does not exist", List.of(), missing);
    }

    @Test
    public void everyFieldOfARequest_isAParameters_orSaysWhyNot() {
        for (Step step : steps()) {
            Class<?> request = loadNested(step.request());
            assertTrue(step.request() + " is a record", request.isRecord());
            Set<String> fields = new TreeSet<>();
            Arrays.stream(request.getRecordComponents()).map(RecordComponent::getName).forEach(fields::add);
            Set<String> taken = new TreeSet<>(step.notParameters().keySet());
            for (Parameter p : step.parameters()) {
                String target = target(p);
                if (!target.contains("#") && !"none".equals(target)) {
                    taken.add(target);
                }
            }
            assertEquals(step.request() + ": fields no parameter sets (add the parameter, or say why under"
                    + " not-parameters)", fields, new TreeSet<>(intersect(fields, taken)));
            assertTrue(step.name() + ": not-parameters names no field: " + step.notParameters().keySet(),
                    fields.containsAll(step.notParameters().keySet()));
        }
    }

    @Test
    public void everyResult_hasExactlyTheContractsKeys_inItsOrder() {
        assertEquals("a sample result for every step", CONTRACT.steps().stream().map(Step::name).collect(
                java.util.stream.Collectors.toCollection(TreeSet::new)), new TreeSet<>(SAMPLE_RESULTS.keySet()));
        for (Step step : CONTRACT.steps()) {
            JsonValue sample = SAMPLE_RESULTS.get(step.name());
            assertEquals(step.name() + "'s result type", step.result(), sample.getClass().getName());
            assertEquals(step.name(), step.results().stream().map(ResultKey::name).toList(),
                    List.copyOf(sample.toJsonMap().keySet()));
        }
    }

    private static List<Step> steps() {
        return Stream.concat(Stream.of(CONTRACT.common()), CONTRACT.steps().stream()).toList();
    }

    /** {@code Type#member}, or the name of a field of the step's request. */
    private static String target(Parameter p) {
        return p.engine() == null ? p.name() : p.engine();
    }

    private static boolean resolves(Step step, String target) {
        if (!target.contains("#")) {
            return Arrays.stream(loadNested(step.request()).getRecordComponents()).anyMatch(c -> c.getName().equals(target));
        }
        String type = target.substring(0, target.indexOf('#'));
        String member = target.substring(target.indexOf('#') + 1);
        String pkg = step.request().substring(0, step.request().lastIndexOf('.'));
        Class<?> c = loadNested(type.contains(".") && Character.isLowerCase(type.charAt(0)) ? type : pkg + "." + type);
        if (c.isRecord() && Arrays.stream(c.getRecordComponents()).anyMatch(rc -> rc.getName().equals(member))) {
            return true;
        }
        List<Executable> publicOnes = new ArrayList<>();
        for (Method m : c.getMethods()) {
            if (m.getName().equals(member)) {
                return true;
            }
            publicOnes.add(m);
        }
        for (Constructor<?> k : c.getConstructors()) {
            publicOnes.add(k);
        }
        return publicOnes.stream().filter(e -> Modifier.isPublic(e.getModifiers()))
                .flatMap(e -> Arrays.stream(e.getParameters()))
                .anyMatch(parameter -> parameter.isNamePresent() && parameter.getName().equals(member));
    }

    /** {@code a.b.Outer.Inner} as {@code a.b.Outer$Inner}, trying the dots from the right. */
    private static Class<?> loadNested(String name) {
        String candidate = name;
        while (true) {
            try {
                return Class.forName(candidate);
            } catch (ClassNotFoundException e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0 || !Character.isUpperCase(candidate.charAt(candidate.lastIndexOf('.', dot - 1) + 1))) {
                    fail("no engine type " + name);
                }
                candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1);
            }
        }
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return both;
    }
}
