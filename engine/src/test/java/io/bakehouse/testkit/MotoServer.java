package io.bakehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.rules.ExternalResource;

/**
 * Runs a real {@code moto_server} on a free loopback port for a test class: starts it, waits
 * until it answers, hands out clients configured for it, and stops it. When moto_server is
 * not installed the test fails with the command that installs it; it never skips.
 */
public final class MotoServer extends ExternalResource {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "testing-access-key";
    public static final String SECRET_KEY = "testing-secret-key-do-not-log";
    private static final long START_TIMEOUT_MS = 60_000;

    private final List<AwsClients> clients = new ArrayList<>();
    private final Map<String, String> switches;
    private Process process;
    private int port;
    private Path log;

    public MotoServer() {
        this(Map.of());
    }

    /**
     * A server started with {@code switches} in its environment: moto's own switches, e.g.
     * {@code MOTO_ECS_SERVICE_RUNNING=1} (every new ECS service reports one running task, so its
     * deployment reads COMPLETED).
     */
    public MotoServer(Map<String, String> switches) {
        this.switches = Map.copyOf(switches);
    }

    @Override
    protected void before() throws Throwable {
        start();
    }

    @Override
    protected void after() {
        stop();
    }

    public synchronized void start() throws IOException, InterruptedException {
        String executable = Programs.find("MOTO_SERVER", "python3 -m pip install 'moto[server]'", "moto_server");
        for (int attempt = 0; attempt < 3 && process == null; attempt++) {
            port = freePort();
            log = Files.createTempFile("moto-" + port + "-", ".log");
            ProcessBuilder pb = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // moto reads AWS_* itself (profiles, regions); give it a clean, loopback-only view.
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.environment().putAll(switches);
            Process p = pb.start();
            if (awaitReady(p)) {
                process = p;
            } else {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (process == null) {
            throw new AssertionError("moto_server did not start on 127.0.0.1; its output:\n" + tail(log));
        }
    }

    public synchronized void stop() {
        for (AwsClients c : clients) {
            c.close();
        }
        clients.clear();
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets every resource created so far (moto's reset API). */
    public void reset() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/moto-api/reset").openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.getOutputStream().close();
        if (c.getResponseCode() != 200) {
            throw new IOException("moto reset answered " + c.getResponseCode());
        }
    }

    /** Settings for this server: region, test keys, the endpoint. */
    public AwsSettings settings() {
        return settingsFor(endpoint());
    }

    /** Settings for another endpoint in front of this server (e.g. a {@link FaultProxy}). */
    public static AwsSettings settingsFor(String endpoint) {
        return AwsSettings.defaults()
                .withRegion(REGION)
                .withCredentials(new StaticCredentials(ACCESS_KEY, SECRET_KEY, null))
                .withEndpointUrl(endpoint);
    }

    /** Clients for this server, closed when the server stops. */
    public synchronized AwsClients clients() {
        return track(AwsClients.create(settings(), new AwsEnvironment(Map.of())));
    }

    /** Clients for another endpoint in front of this server (e.g. a {@link FaultProxy}), closed when it stops. */
    public synchronized AwsClients clientsVia(String endpoint) {
        return track(AwsClients.create(settingsFor(endpoint), new AwsEnvironment(Map.of())));
    }

    public synchronized AwsClients track(AwsClients c) {
        clients.add(c);
        return c;
    }

    /** The environment a child process (the CLI, a script) needs to reach this server. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_REGION", REGION);
        env.put("AWS_ENDPOINT_URL", endpoint());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** A role moto assumed (its {@code sts.AssumedRole} record): the session's access key ID is the one it handed out. */
    public record AssumedRole(String roleArn, String externalId, String sessionName, String accessKeyId) {
    }

    /** Every role moto assumed so far, oldest first (from {@code GET /moto-api/data.json}). */
    public List<AssumedRole> assumedRoles() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/moto-api/data.json").openConnection();
        JsonNode data;
        try (InputStream in = c.getInputStream()) {
            data = Json.mapper().readTree(in);
        }
        List<AssumedRole> roles = new ArrayList<>();
        for (JsonNode r : data.path("sts").path("AssumedRole")) {
            roles.add(new AssumedRole(r.path("role_arn").asText(), r.path("external_id").asText(null),
                    r.path("session_name").asText(), r.path("access_key_id").asText()));
        }
        return roles;
    }

    private boolean awaitReady(Process p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                return false;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(
                        "http://127.0.0.1:" + port + "/moto-api/").openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no output)";
        }
    }
}
