package io.bakehouse.jenkins.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.json.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Jenkins over HTTP, as a user or a script drives it: a session cookie and a crumb on every
 * POST, jobs from config.xml, builds started, watched, read and stopped.
 */
public final class JenkinsRest {

    private static final long BUILD_TIMEOUT_MS = 300_000;

    private final String base;
    private final HttpClient http;
    /** The Authorization header of a controller with security (a user and password), or null. */
    private final String authorization;
    private String crumbField;
    private String crumb;

    JenkinsRest(String base) {
        this(base, null, null);
    }

    /** A session of {@code user} (HTTP basic authentication with the password), or anonymous when null. */
    JenkinsRest(String base, String user, String password) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** The answer to a request: status and body. */
    public record Answer(int status, String body, HttpResponse<String> response) {
        Answer expect(int... ok) {
            for (int s : ok) {
                if (status == s) {
                    return this;
                }
            }
            throw new AssertionError("HTTP " + status + " from " + response.uri() + ":\n" + LiveJenkins.tail(body));
        }
    }

    public Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r);
    }

    public JsonNode json(String path) throws IOException, InterruptedException {
        return Json.mapper().readTree(get(path).expect(200).body());
    }

    /** POSTs a body of {@code contentType} with the session's crumb. */
    public Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return post(path, contentType, body, Map.of());
    }

    /** POSTs with the session's crumb and further {@code headers} (e.g. a page's own proxy crumb). */
    public Answer post(String path, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        if (crumb == null) {
            JsonNode c = json("crumbIssuer/api/json");
            crumbField = c.get("crumbRequestField").asText();
            crumb = c.get("crumb").asText();
        }
        HttpRequest.Builder request = request(path).timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType).header(crumbField, crumb)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 403 && r.body().contains("No valid crumb")) {
            crumb = null; // a restarted controller issues new crumbs
            return post(path, contentType, body, headers);
        }
        return new Answer(r.statusCode(), r.body(), r);
    }

    public Answer postForm(String path, Map<String, String> form) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return post(path, "application/x-www-form-urlencoded", body.toString());
    }

    public void download(String path, Path file) throws IOException, InterruptedException {
        HttpResponse<Path> r = http.send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + " for " + path);
        }
    }

    /** Runs a Groovy script in the controller's script console; returns what it printed. */
    public String script(String groovy) throws IOException, InterruptedException {
        return postForm("scriptText", Map.of("script", groovy)).expect(200).body();
    }

    /** Creates a Pipeline job running {@code script} (sandboxed, as a Jenkinsfile author's would be). */
    public void createPipeline(String name, String script) throws IOException, InterruptedException {
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin=\"workflow-job\">"
                + "<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">"
                + "<script>" + escapeXml(script) + "</script><sandbox>true</sandbox></definition>"
                + "</flow-definition>";
        post("createItem?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), "application/xml", xml).expect(200);
    }

    /** Starts a build of {@code job}; returns its number once it has left the queue. */
    public int build(String job) throws IOException, InterruptedException {
        int next = json("job/" + job + "/api/json?tree=nextBuildNumber").get("nextBuildNumber").asInt();
        post("job/" + job + "/build?delay=0sec", "application/x-www-form-urlencoded", "").expect(201, 200, 302);
        long deadline = System.currentTimeMillis() + BUILD_TIMEOUT_MS;
        while (get("job/" + job + "/" + next + "/api/json?tree=number").status() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(job + " #" + next + " never started");
            }
            Thread.sleep(200);
        }
        return next;
    }

    /** Waits until build {@code number} of {@code job} is over; returns its result (SUCCESS, FAILURE, ABORTED...). */
    public String awaitResult(String job, int number) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + BUILD_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Answer a = get("job/" + job + "/" + number + "/api/json?tree=building,result");
            if (a.status() == 200) {
                JsonNode b = Json.mapper().readTree(a.body());
                if (!b.get("building").asBoolean() && !b.get("result").isNull()) {
                    return b.get("result").asText();
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(job + " #" + number + " did not finish in " + BUILD_TIMEOUT_MS / 1000 + " s; its log:\n"
                + LiveJenkins.tail(console(job, number)));
    }

    /** Runs the build to its end and checks its result; returns its console text. */
    public String run(String job, String expectedResult) throws IOException, InterruptedException {
        int n = build(job);
        String result = awaitResult(job, n);
        String log = console(job, n);
        if (!expectedResult.equals(result)) {
            throw new AssertionError(job + " #" + n + " ended " + result + ", not " + expectedResult + "; its log:\n" + log);
        }
        return log;
    }

    public String console(String job, int number) throws IOException, InterruptedException {
        return get("job/" + job + "/" + number + "/consoleText").expect(200).body();
    }

    /** Waits until the build's console has a line that passes {@code test}; returns the console. */
    public String awaitLog(String job, int number, Predicate<String> test, String what)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + BUILD_TIMEOUT_MS;
        String log = "";
        while (System.currentTimeMillis() < deadline) {
            Answer a = get("job/" + job + "/" + number + "/consoleText");
            if (a.status() == 200) {
                log = a.body();
                if (log.lines().anyMatch(test)) {
                    return log;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(job + " #" + number + " never printed " + what + "; its log:\n" + LiveJenkins.tail(log));
    }

    public String awaitLog(String job, int number, String text) throws IOException, InterruptedException {
        return awaitLog(job, number, l -> l.contains(text), "'" + text + "'");
    }

    /** Aborts a running build, as its Stop button does. */
    public void abort(String job, int number) throws IOException, InterruptedException {
        post("job/" + job + "/" + number + "/stop", "application/x-www-form-urlencoded", "").expect(200, 302);
    }

    /** Waits until the node is online (an inbound agent connects, and reconnects after a restart, by itself). */
    public void awaitAgentOnline(String node, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try {
                Answer a = get("computer/" + node + "/api/json?tree=offline");
                if (a.status() == 200 && !Json.mapper().readTree(a.body()).get("offline").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // the controller is still starting its web layer
            }
            Thread.sleep(250);
        }
        throw new AssertionError("agent " + node + " did not come online in " + timeoutMs / 1000 + " s");
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
