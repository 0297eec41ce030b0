package io.bakehouse.engine.faults;

import com.sun.net.httpserver.HttpServer;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.runner.InvokerService;
import io.bakehouse.engine.runner.RunnerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * moto cannot invoke a Lambda function, so this loopback server answers the Lambda Invoke API
 * ({@code POST /2015-03-31/functions/NAME/invocations}) with the invoker's own behaviour,
 * {@link InvokerService}, which starts tasks with its own ECS client.
 */
final class InvokerStandIn implements AutoCloseable {

    private final HttpServer server;

    InvokerStandIn(RunnerConfig config, EcsClient ecs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2015-03-31/functions/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = new InvokerService(config, ecs, Reporter.SILENT).handle(request)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
