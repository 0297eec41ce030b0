package io.bakehouse.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.runner.InvokerService;
import io.bakehouse.engine.runner.RunnerConfig;
import io.bakehouse.engine.runner.RunnerConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The deploy runner's invoker function. CI may only invoke it; it checks each request
 * against the runner configuration and starts approved tasks with its own role.
 *
 * <p>The configuration comes from {@code BAKEHOUSE_RUNNER_CONFIG} (the YAML/JSON text) or
 * {@code BAKEHOUSE_RUNNER_CONFIG_PARAMETER} (an SSM parameter holding it), read once per
 * cold start. Handler: {@code io.bakehouse.lambda.InvokerHandler::handleRequest}.
 */
public final class InvokerHandler implements RequestStreamHandler {

    static final String CONFIG = "BAKEHOUSE_RUNNER_CONFIG";
    static final String CONFIG_PARAMETER = "BAKEHOUSE_RUNNER_CONFIG_PARAMETER";

    private final Map<String, String> env;
    private volatile AwsClients clients;
    private volatile RunnerConfig config;

    /** The Lambda runtime's constructor: settings from the function's environment. */
    public InvokerHandler() {
        this(System.getenv());
    }

    InvokerHandler(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String request = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        LambdaReporter reporter = new LambdaReporter(context.getLogger());
        InvokerService service = new InvokerService(config(), clients().ecs(), reporter);
        output.write(service.handle(request).getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    private AwsClients clients() {
        AwsClients c = clients;
        if (c == null) {
            synchronized (this) {
                if (clients == null) {
                    clients = AwsClients.create(AwsSettings.defaults(), new AwsEnvironment(env));
                }
                c = clients;
            }
        }
        return c;
    }

    private RunnerConfig config() {
        RunnerConfig c = config;
        if (c == null) {
            synchronized (this) {
                if (config == null) {
                    config = loadConfig();
                }
                c = config;
            }
        }
        return c;
    }

    private RunnerConfig loadConfig() {
        String inline = env.get(CONFIG);
        if (inline != null && !inline.isBlank()) {
            return RunnerConfigLoader.parse(inline, CONFIG);
        }
        String parameter = env.get(CONFIG_PARAMETER);
        if (parameter == null || parameter.isBlank()) {
            throw BakehouseException.failure("The invoker has no runner configuration",
                    "set " + CONFIG + " or " + CONFIG_PARAMETER + " on the function");
        }
        String text = clients().ssm().getParameter(r -> r.name(parameter).withDecryption(true)).parameter().value();
        return RunnerConfigLoader.parse(text, "SSM parameter " + parameter);
    }
}
