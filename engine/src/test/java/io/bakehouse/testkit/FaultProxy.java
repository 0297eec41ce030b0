package io.bakehouse.testkit;

import io.bakehouse.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.junit.rules.ExternalResource;

/**
 * A loopback HTTP proxy in front of moto that injects faults: throttling and other AWS errors
 * (rendered in the protocol of the request: JSON, query or EC2), 5xx, connection resets and
 * latency; for every request, for requests of one API action, for the next N, or always.
 * Requests it does not fault are forwarded unchanged.
 */
public final class FaultProxy extends ExternalResource {

    /**
     * A recorded request: the API action (e.g. {@code PutParameter}), its protocol, the service it
     * was signed for (e.g. {@code ssm}) and the access key ID that signed it, both from the SigV4
     * credential scope ({@code ""} if unsigned).
     */
    public record Request(String action, String protocol, String method, String path, String service,
                          String accessKeyId) {

        public Request(String action, String protocol, String method, String path) {
            this(action, protocol, method, path, "", "");
        }
    }

    private record Rule(Predicate<Request> matches, Fault fault, AtomicInteger remaining) {
    }

    private final IntSupplier upstreamPort;
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private volatile long latencyMs;
    private volatile String lastUserAgent;
    private ServerSocket server;
    private Thread acceptor;

    /** A proxy for {@code moto}, which may start later (read at each request). */
    public FaultProxy(MotoServer moto) {
        this(moto::port);
    }

    /** A proxy for another loopback server (e.g. a stand-in for an API moto cannot serve). */
    public FaultProxy(IntSupplier upstreamPort) {
        this.upstreamPort = upstreamPort;
    }

    @Override
    protected void before() throws IOException {
        start();
    }

    @Override
    protected void after() {
        stop();
    }

    public void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Injects {@code fault} into the next {@code times} requests for {@code action}. */
    public FaultProxy failNext(String action, int times, Fault fault) {
        rules.add(new Rule(r -> action.equals(r.action()), fault, new AtomicInteger(times)));
        return this;
    }

    /** Injects {@code fault} into the next {@code times} requests, whatever they are. */
    public FaultProxy failNext(int times, Fault fault) {
        rules.add(new Rule(r -> true, fault, new AtomicInteger(times)));
        return this;
    }

    /** Injects {@code fault} into the next {@code times} requests that {@code which} selects. */
    public FaultProxy failNext(Predicate<Request> which, int times, Fault fault) {
        rules.add(new Rule(which, fault, new AtomicInteger(times)));
        return this;
    }

    /** Injects {@code fault} into every request that {@code which} selects, until {@link #clear()}. */
    public FaultProxy always(Predicate<Request> which, Fault fault) {
        rules.add(new Rule(which, fault, new AtomicInteger(Integer.MAX_VALUE)));
        return this;
    }

    /** Injects {@code fault} into every request for {@code action}, until {@link #clear()}. */
    public FaultProxy always(String action, Fault fault) {
        rules.add(new Rule(r -> action.equals(r.action()), fault, new AtomicInteger(Integer.MAX_VALUE)));
        return this;
    }

    /** Adds latency to every forwarded request. */
    public FaultProxy latency(long millis) {
        this.latencyMs = millis;
        return this;
    }

    public void clear() {
        rules.clear();
        latencyMs = 0;
    }

    /** How many requests for {@code action} reached the proxy (faulted or not). */
    public int requests(String action) {
        AtomicInteger n = seen.get(action);
        return n == null ? 0 : n.get();
    }

    /** Every request that reached the proxy so far, in arrival order (faulted or not). */
    public List<Request> log() {
        return List.copyOf(log);
    }

    /** The User-Agent header of the last request, or {@code null}. */
    public String lastUserAgent() {
        return lastUserAgent;
    }

    public int faultsInjected() {
        return faultsInjected.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> handle(client), "fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            HttpMessage request = HttpMessage.readRequest(client.getInputStream(), client.getOutputStream());
            if (request == null) {
                return;
            }
            Request info = describe(request);
            lastUserAgent = request.header("user-agent");
            seen.computeIfAbsent(info.action(), k -> new AtomicInteger()).incrementAndGet();
            log.add(info);
            Fault fault = nextFault(info);
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            if (fault != null) {
                faultsInjected.incrementAndGet();
                if (fault.apply(client, info)) {
                    return;
                }
            }
            forward(request, client.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client went away or the test stopped the proxy
        }
    }

    private Fault nextFault(Request info) {
        for (Rule rule : rules) {
            if (rule.matches().test(info)) {
                int left = rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0);
                if (left > 0) {
                    return rule.fault();
                }
            }
        }
        return null;
    }

    private void forward(HttpMessage request, OutputStream toClient) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort.getAsInt())) {
            OutputStream up = upstream.getOutputStream();
            up.write(request.headBytes(true));
            up.write(request.body());
            up.flush();
            InputStream in = upstream.getInputStream();
            HttpMessage response = HttpMessage.readResponse(in);
            if (response == null) {
                return;
            }
            toClient.write(response.headBytes(true));
            toClient.write(response.body());
            toClient.flush();
        }
    }

    static Request describe(HttpMessage m) {
        String target = m.header("x-amz-target");
        String contentType = m.header("content-type");
        String body = new String(m.body(), StandardCharsets.UTF_8);
        String[] scope = credentialScope(m.header("authorization"));
        String service = scope.length >= 5 ? scope[scope.length - 2] : "";
        String key = scope.length >= 5 ? scope[0] : "";
        if (target != null) {
            return new Request(target.substring(target.indexOf('.') + 1), "json", m.method(), m.path(), service, key);
        }
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            String action = formValue(body, "Action");
            String version = formValue(body, "Version");
            String protocol = "2016-11-15".equals(version) ? "ec2" : "query";
            return new Request(action == null ? "" : action, protocol, m.method(), m.path(), service, key);
        }
        return new Request(m.method() + " " + m.path(), "rest", m.method(), m.path(), service, key);
    }

    /** The credential scope of a SigV4 {@code Authorization} header: {@code Credential=KEY/DATE/REGION/SERVICE/aws4_request}. */
    private static String[] credentialScope(String authorization) {
        if (authorization == null) {
            return new String[0];
        }
        int at = authorization.indexOf("Credential=");
        if (at < 0) {
            return new String[0];
        }
        int end = authorization.indexOf(',', at);
        return authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end).split("/");
    }

    private static String formValue(String body, String key) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A fault to inject. {@link #apply} returns true when it answered the request itself. */
    public interface Fault {

        boolean apply(Socket client, Request request) throws IOException;

        /** The throttling error each protocol's service sends. */
        static Fault throttle() {
            return (client, r) -> {
                switch (r.protocol()) {
                    case "ec2" -> awsError(503, "RequestLimitExceeded", "Request limit exceeded.").apply(client, r);
                    case "json" -> awsError(400, "ThrottlingException", "Rate exceeded").apply(client, r);
                    case "rest" -> {
                        if ("s3".equals(r.service())) {
                            respond(client, 503, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
                                    + "<Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                                    + "<RequestId>fault-proxy</RequestId></Error>", Map.of());
                        } else {
                            // rest-json services (Lambda): 429 and the code in a header and the body
                            respond(client, 429, "application/json", "{\"Type\":\"User\",\"message\":\"Rate exceeded\"}",
                                    Map.of("x-amzn-ErrorType", "TooManyRequestsException"));
                        }
                    }
                    default -> awsError(400, "Throttling", "Rate exceeded").apply(client, r);
                }
                return true;
            };
        }

        /** An AWS error response with this status and error code, in the request's protocol. */
        static Fault awsError(int status, String code, String message) {
            return (client, r) -> {
                String contentType;
                String body;
                switch (r.protocol()) {
                    case "json" -> {
                        contentType = "application/x-amz-json-1.1";
                        body = Json.write(Map.of("__type", code, "message", message));
                    }
                    case "ec2" -> {
                        contentType = "text/xml";
                        body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code
                                + "</Code><Message>" + message + "</Message></Error></Errors>"
                                + "<RequestID>fault-proxy</RequestID></Response>";
                    }
                    default -> {
                        contentType = "text/xml";
                        body = "<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender")
                                + "</Type><Code>" + code + "</Code><Message>" + message
                                + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
                    }
                }
                respond(client, status, contentType, body, Map.of("x-amzn-ErrorType", code));
                return true;
            };
        }

        /** A canned response, e.g. an API answer moto cannot produce. */
        static Fault respond(int status, String contentType, String body) {
            return (client, r) -> {
                respond(client, status, contentType, body, Map.of());
                return true;
            };
        }

        /** A bare 5xx with no AWS error body, as a load balancer in the way would send. */
        static Fault serverError(int status) {
            return (client, r) -> {
                respond(client, status, "text/plain", "Service Unavailable", Map.of());
                return true;
            };
        }

        /** Resets the connection (TCP RST) without answering. */
        static Fault reset() {
            return (client, r) -> {
                try {
                    client.setSoLinger(true, 0);
                } catch (SocketException ignored) {
                    // already gone
                }
                client.close();
                return true;
            };
        }

        /** Waits, then forwards the request as usual. */
        static Fault delay(long millis) {
            return (client, r) -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            };
        }

        private static void respond(Socket client, int status, String contentType, String body,
                                    Map<String, String> headers) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                    .append(status >= 500 ? "Service Unavailable" : status >= 400 ? "Bad Request" : "OK").append("\r\n")
                    .append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(bytes.length).append("\r\n")
                    .append("x-amzn-RequestId: fault-proxy\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = client.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        }
    }

    /** A parsed HTTP/1.1 message with its body fully read (Content-Length or chunked). */
    static final class HttpMessage {
        private final String startLine;
        private final List<String[]> headers;
        private final byte[] body;

        private HttpMessage(String startLine, List<String[]> headers, byte[] body) {
            this.startLine = startLine;
            this.headers = headers;
            this.body = body;
        }

        /**
         * Reads a request. One that expects {@code 100-continue} (S3 uploads) is told to continue, as a
         * server would, and is forwarded without the expectation: its body is then already here.
         */
        static HttpMessage readRequest(InputStream in, OutputStream toClient) throws IOException {
            return read(in, toClient);
        }

        static HttpMessage readResponse(InputStream in) throws IOException {
            return read(in, null);
        }

        private static HttpMessage read(InputStream in, OutputStream continueTo) throws IOException {
            boolean response = continueTo == null;
            String start = readLine(in);
            if (start == null || start.isEmpty()) {
                return null;
            }
            List<String[]> headers = new ArrayList<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
                }
            }
            HttpMessage head = new HttpMessage(start, headers, new byte[0]);
            if (!response && "100-continue".equalsIgnoreCase(head.header("expect"))) {
                continueTo.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                continueTo.flush();
                headers.removeIf(h -> h[0].equalsIgnoreCase("expect"));
            }
            byte[] body;
            String length = head.header("content-length");
            String encoding = head.header("transfer-encoding");
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = readChunked(in);
                headers.removeIf(h -> h[0].equalsIgnoreCase("transfer-encoding"));
                headers.add(new String[] {"Content-Length", String.valueOf(body.length)});
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if (response) {
                body = in.readAllBytes(); // the server closes the connection at the end
                headers.add(new String[] {"Content-Length", String.valueOf(body.length)});
            } else {
                body = new byte[0];
            }
            return new HttpMessage(start, headers, body);
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    break;
                }
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    for (String l = readLine(in); l != null && !l.isEmpty(); l = readLine(in)) {
                        // trailers are dropped
                    }
                    break;
                }
                out.write(in.readNBytes(size));
                readLine(in);
            }
            return out.toByteArray();
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    break;
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        String method() {
            return startLine.split(" ")[0];
        }

        String path() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? parts[1] : "";
        }

        byte[] body() {
            return body;
        }

        /** The start line and headers, with {@code Connection: close} so each exchange is one connection. */
        byte[] headBytes(boolean closeConnection) {
            StringBuilder sb = new StringBuilder(startLine).append("\r\n");
            for (String[] h : headers) {
                if (closeConnection && (h[0].equalsIgnoreCase("connection") || h[0].equalsIgnoreCase("keep-alive"))) {
                    continue;
                }
                sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (closeConnection) {
                sb.append("Connection: close\r\n");
            }
            sb.append("\r\n");
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
