package io.bakehouse.engine.runner;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Which gatekeeper checks a run and how the task is then started: the deploy runner's invoker
 * function (the checks in the Lambda, with its rights), or a runner configuration read by this
 * process (the checks here, with the caller's rights). Every face decides it here, so the rule
 * and its words are the same everywhere.
 */
public final class TaskStarters {

    /** The choice made: exactly one of {@code invoker} and {@code config} is set. */
    public record Choice(String invoker, String config) implements Serializable {
        public boolean usesConfig() {
            return config != null;
        }
    }

    private TaskStarters() {
    }

    /**
     * The gatekeeper for the step's {@code invoker} and {@code config}: exactly one of them, or
     * {@code defaultInvoker} (an administrator's default, or {@code null}) when neither is given.
     */
    public static Choice choose(String invoker, String config, String defaultInvoker) {
        String function = blankToNull(invoker);
        String file = blankToNull(config);
        if (function != null && file != null) {
            throw new InvalidInputException("invoker", "give invoker or config, not both",
                    "invoker asks the deploy runner's Lambda; config runs the gatekeeper here, with the caller's rights");
        }
        if (function == null && file == null) {
            function = blankToNull(defaultInvoker);
            if (function == null) {
                throw new InvalidInputException("invoker", "invoker (or config) is required",
                        "name the deploy runner's invoker function, or a runner configuration file (in Jenkins, an"
                                + " administrator can set a default invoker under Manage Jenkins, System, Bakehouse)");
            }
        }
        return new Choice(function, file);
    }

    /**
     * The starter for {@code choice}; a configuration file is read now, through {@code paths}
     * (e.g. against a build's workspace), and checked.
     */
    public static TaskStarter of(Choice choice, AwsClients clients, Function<AwsClients, LambdaClient> lambda,
                                 UnaryOperator<String> paths, Reporter reporter) {
        if (choice.usesConfig()) {
            clients.prepare(AwsClients::ecs); // built while the configuration is read and checked
            RunnerConfig config = RunnerConfigLoader.load(Path.of(paths.apply(choice.config())));
            return new DirectStarter(config, clients.ecs(), reporter);
        }
        return new LambdaStarter(lambda.apply(clients), choice.invoker(), reporter);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
