package io.bakehouse.harness;

import groovy.lang.Closure;
import groovy.lang.GroovyInterceptable;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingPropertyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * Interprets a declarative {@code pipeline {}}: agent, environment, options, stages with
 * when/environment/options/steps/post, and post conditions. A failed or aborted stage stops
 * the stages after it (they are "not run"), as in Jenkins; post blocks still run.
 */
final class Declarative {

    private static final List<String> POST_ORDER =
            List.of("always", "aborted", "failure", "success", "unstable", "unsuccessful", "cleanup");

    private final PipelineHarness harness;
    private final PipelineScript script;

    Declarative(PipelineHarness harness, PipelineScript script) {
        this.harness = harness;
        this.script = script;
    }

    PipelineRun run(Closure<?> body) {
        PipelineBlock pipeline = new PipelineBlock();
        configure(body, pipeline);
        harness.env().push(Map.of());
        try {
            environment(pipeline.environment);
            String result = "SUCCESS";
            String failure = null;
            List<StageResult> stages = new ArrayList<>();
            for (StageBlock stage : pipeline.stages.stages) {
                if (!result.equals("SUCCESS")) {
                    stages.add(new StageResult(stage.name, StageResult.Status.NOT_RUN, null, stage.agent.label,
                            stage.options.directives));
                    continue;
                }
                StageResult outcome = runStage(stage);
                stages.add(outcome);
                if (outcome.status() == StageResult.Status.FAILURE || outcome.status() == StageResult.Status.ABORTED) {
                    result = outcome.status().name();
                    failure = outcome.failure();
                }
            }
            harness.enterStage(null);
            harness.currentBuild().setResult(result);
            String afterPost = post(pipeline.post, result);
            if (!afterPost.equals(result)) {
                result = afterPost;
                harness.currentBuild().setResult(result);
            }
            return new PipelineRun(pipeline.agent.label, pipeline.options.directives, stages, result, failure);
        } finally {
            harness.env().pop();
        }
    }

    private StageResult runStage(StageBlock stage) {
        harness.enterStage(stage.name);
        harness.env().push(Map.of());
        try {
            environment(stage.environment);
            if (!stage.when.allTrue()) {
                return new StageResult(stage.name, StageResult.Status.SKIPPED, null, stage.agent.label, stage.options.directives);
            }
            StageResult.Status status = StageResult.Status.SUCCESS;
            String failure = null;
            try {
                if (stage.steps == null) {
                    throw new AssertionError("stage '" + stage.name + "' has no steps");
                }
                runBody(stage.steps);
            } catch (PipelineFailure e) {
                status = StageResult.Status.FAILURE;
                failure = e.getMessage();
            } catch (PipelineAborted e) {
                status = StageResult.Status.ABORTED;
                failure = e.getMessage();
            }
            String afterPost = post(stage.post, status.name());
            if (!afterPost.equals(status.name())) {
                status = StageResult.Status.valueOf(afterPost);
            }
            return new StageResult(stage.name, status, failure, stage.agent.label, stage.options.directives);
        } finally {
            harness.env().pop();
        }
    }

    /** Runs the post conditions that apply to {@code result}; returns the result after them. */
    private String post(PostBlock post, String result) {
        String now = result;
        for (String condition : POST_ORDER) {
            Closure<?> body = post.conditions.get(condition);
            if (body != null && applies(condition, result)) {
                try {
                    runBody(body);
                } catch (PipelineFailure e) {
                    now = "FAILURE";
                }
            }
        }
        return now;
    }

    private static boolean applies(String condition, String result) {
        return switch (condition) {
            case "always", "cleanup" -> true;
            case "unsuccessful" -> !result.equals("SUCCESS");
            default -> condition.toUpperCase(java.util.Locale.ROOT).equals(result);
        };
    }

    private void environment(List<Closure<?>> blocks) {
        for (Closure<?> block : blocks) {
            configure(block, new EnvironmentBlock(harness.env()));
        }
    }

    private static void configure(Closure<?> body, Object delegate) {
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(delegate);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
    }

    /** Runs steps the way Jenkins does: names resolve to the script (its steps, globals, methods). */
    private Object runBody(Closure<?> body) {
        Closure<?> c = body.rehydrate(script, script, script);
        c.setResolveStrategy(Closure.OWNER_FIRST);
        return c.call();
    }

    /** The directives a pipeline and a stage both have. */
    public abstract class DirectiveBlock extends GroovyObjectSupport {
        final AgentBlock agent = new AgentBlock();
        final List<Closure<?>> environment = new ArrayList<>();
        final OptionsBlock options = new OptionsBlock();
        final PostBlock post = new PostBlock();

        public void agent(Closure<?> body) {
            configure(body, agent);
        }

        public void environment(Closure<?> body) {
            environment.add(body);
        }

        public void options(Closure<?> body) {
            configure(body, options);
        }

        public void post(Closure<?> body) {
            configure(body, post);
        }
    }

    public final class PipelineBlock extends DirectiveBlock {
        final StagesBlock stages = new StagesBlock();

        public String getNone() {
            return "none";
        }

        public String getAny() {
            return "any";
        }

        public void agent(String kind) {
            agent.label = kind.equals("any") ? "any" : null;
        }

        public void stages(Closure<?> body) {
            configure(body, stages);
        }
    }

    public final class AgentBlock extends GroovyObjectSupport {
        String label;

        public void label(String value) {
            label = value;
        }
    }

    /** {@code NAME = value} entries, set in the innermost environment layer as they are evaluated. */
    public final class EnvironmentBlock extends GroovyObjectSupport {
        private final EnvVars env;

        EnvironmentBlock(EnvVars env) {
            this.env = env;
        }

        @Override
        public void setProperty(String name, Object value) {
            env.putInLayer(name, value == null ? null : value.toString());
        }

        @Override
        public Object getProperty(String name) {
            throw new MissingPropertyException(name, getClass());
        }
    }

    /** Records every call, e.g. {@code timeout(time: 1, unit: 'HOURS')}, {@code disableConcurrentBuilds()}. */
    public final class OptionsBlock extends GroovyObjectSupport implements GroovyInterceptable {
        final List<Directive> directives = new ArrayList<>();

        @Override
        public Object invokeMethod(String name, Object args) {
            List<Object> list = args instanceof Object[] array ? new ArrayList<>(Arrays.asList(array)) : new ArrayList<>(List.of(args));
            // An argument that is itself a directive (logRotator inside buildDiscarder) is not an option of its own.
            directives.removeIf(list::contains);
            Directive directive = new Directive(name, list);
            directives.add(directive);
            return directive;
        }
    }

    public final class StagesBlock extends GroovyObjectSupport {
        final List<StageBlock> stages = new ArrayList<>();

        public void stage(String name, Closure<?> body) {
            StageBlock stage = new StageBlock(name);
            configure(body, stage);
            stages.add(stage);
        }
    }

    public final class StageBlock extends DirectiveBlock {
        final String name;
        final WhenBlock when = new WhenBlock();
        Closure<?> steps;

        StageBlock(String name) {
            this.name = name;
        }

        public void when(Closure<?> body) {
            configure(body, when);
        }

        public void steps(Closure<?> body) {
            steps = body;
        }
    }

    /** The conditions of a {@code when} block; all must hold. */
    public final class WhenBlock extends GroovyObjectSupport {
        final List<BooleanSupplier> conditions = new ArrayList<>();
        boolean beforeAgent;
        boolean beforeInput;

        boolean allTrue() {
            return conditions.stream().allMatch(BooleanSupplier::getAsBoolean);
        }

        boolean anyTrue() {
            return conditions.stream().anyMatch(BooleanSupplier::getAsBoolean);
        }

        /** Jenkins' {@code branch} condition: BRANCH_NAME against an Ant-style glob. */
        public void branch(String pattern) {
            conditions.add(() -> {
                String branch = harness.env().get("BRANCH_NAME");
                return branch != null && glob(pattern).matcher(branch).matches();
            });
        }

        public void environment(Map<String, Object> args) {
            conditions.add(() -> String.valueOf(args.get("value")).equals(harness.env().get(String.valueOf(args.get("name")))));
        }

        public void expression(Closure<?> body) {
            conditions.add(() -> DefaultTypeTransformation.castToBoolean(runBody(body)));
        }

        public void not(Closure<?> body) {
            WhenBlock inner = nested(body);
            conditions.add(() -> !inner.allTrue());
        }

        public void allOf(Closure<?> body) {
            WhenBlock inner = nested(body);
            conditions.add(inner::allTrue);
        }

        public void anyOf(Closure<?> body) {
            WhenBlock inner = nested(body);
            conditions.add(inner::anyTrue);
        }

        public void beforeAgent(boolean value) {
            beforeAgent = value;
        }

        public void beforeInput(boolean value) {
            beforeInput = value;
        }

        private WhenBlock nested(Closure<?> body) {
            WhenBlock inner = new WhenBlock();
            configure(body, inner);
            return inner;
        }
    }

    public final class PostBlock extends GroovyObjectSupport {
        final Map<String, Closure<?>> conditions = new LinkedHashMap<>();

        public void always(Closure<?> body) {
            conditions.put("always", body);
        }

        public void success(Closure<?> body) {
            conditions.put("success", body);
        }

        public void failure(Closure<?> body) {
            conditions.put("failure", body);
        }

        public void aborted(Closure<?> body) {
            conditions.put("aborted", body);
        }

        public void unstable(Closure<?> body) {
            conditions.put("unstable", body);
        }

        public void unsuccessful(Closure<?> body) {
            conditions.put("unsuccessful", body);
        }

        public void cleanup(Closure<?> body) {
            conditions.put("cleanup", body);
        }
    }

    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
