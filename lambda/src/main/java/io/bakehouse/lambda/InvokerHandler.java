package io.bakehouse.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.runner.InvokerService;
import io.bakehouse.engine.runner.RefreshingRunnerConfig;
import io.bakehouse.engine.runner.RunnerConfig;
import io.bakehouse.engine.runner.RunnerConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The deploy runner's invoker function. CI may only invoke it; it checks each request
 * against the runner configuration and starts approved tasks with its own role.
 *
 * <p>The configuration comes from {@code BAKEHOUSE_RUNNER_CONFIG} (the YAML/JSON text, read
 * once) or {@code BAKEHOUSE_RUNNER_CONFIG_PARAMETER} (an SSM parameter holding it). A warm
 * function re-reads the parameter once its copy is older than {@code BAKEHOUSE_RUNNER_CONFIG_TTL}
 * (default 30s; {@code 0s}: on every request) and parses it again when its version changed; a
 * version it cannot read or parse fails the requests until it is fixed.
 * Handler: {@code io.bakehouse.lambda.InvokerHandler::handleRequest}.
 */
public final class InvokerHandler implements RequestStreamHandler {

    static final String CONFIG = "BAKEHOUSE_RUNNER_CONFIG";
    static final String CONFIG_PARAMETER = "BAKEHOUSE_RUNNER_CONFIG_PARAMETER";
    static final String CONFIG_TTL = "BAKEHOUSE_RUNNER_CONFIG_TTL";
    static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    private final Map<String, String> env;
    private final Clock clock;
    private volatile AwsClients clients;
    private volatile RunnerConfig inline;
    private volatile RefreshingRunnerConfig stored;

    /** The Lambda runtime's constructor: settings from the function's environment. */
    public InvokerHandler() {
        this(System.getenv());
    }

    InvokerHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    InvokerHandler(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
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
        String text = env.get(CONFIG);
        if (text != null && !text.isBlank()) {
            RunnerConfig c = inline;
            if (c == null) {
                synchronized (this) {
                    if (inline == null) {
                        inline = RunnerConfigLoader.parse(text, CONFIG);
                    }
                    c = inline;
                }
            }
            return c;
        }
        RefreshingRunnerConfig s = stored;
        if (s == null) {
            synchronized (this) {
                if (stored == null) {
                    stored = fromParameter();
                }
                s = stored;
            }
        }
        return s.get();
    }

    private RefreshingRunnerConfig fromParameter() {
        String parameter = env.get(CONFIG_PARAMETER);
        if (parameter == null || parameter.isBlank()) {
            throw BakehouseException.failure("The invoker has no runner configuration",
                    "set " + CONFIG + " or " + CONFIG_PARAMETER + " on the function");
        }
        String ttlText = env.get(CONFIG_TTL);
        Duration ttl = ttlText != null && ttlText.trim().matches("0+s?") ? Duration.ZERO
                : Durations.parse(CONFIG_TTL, ttlText, DEFAULT_TTL);
        return new RefreshingRunnerConfig(() -> {
            Parameter p = clients().ssm().getParameter(r -> r.name(parameter).withDecryption(true)).parameter();
            return new RefreshingRunnerConfig.Fetched(p.value(), p.version());
        }, "SSM parameter " + parameter, ttl, clock);
    }
}
