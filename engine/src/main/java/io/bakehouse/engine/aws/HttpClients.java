package io.bakehouse.engine.aws;

import io.bakehouse.engine.concurrent.Beside;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP clients {@link AwsClients} share: the SDK's JDK-based one, with TLS, or without it for a
 * plain-HTTP endpoint on this machine (a local emulator), where an SSL context would be made for
 * nothing. One can be begun ahead of the clients ({@link #startEarly}) for the next set to take.
 */
final class HttpClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    /** The HTTP client {@link #startEarly} began, until the next {@link #forEndpoint} takes it. */
    private static final AtomicReference<Early> EARLY = new AtomicReference<>();

    /** An HTTP client being made ahead of the clients, and whether it is the plain one. */
    private record Early(CompletableFuture<SdkHttpClient> client, boolean plain) {
    }

    private HttpClients() {
    }

    /** Begins the client for {@code endpointHint} (see {@link AwsClients#startHttpClient}); once per taker. */
    static void startEarly(String endpointHint) {
        if (EARLY.get() == null) {
            boolean plain = plainLocal(endpointHint);
            EARLY.compareAndSet(null, new Early(Beside.start("bakehouse-http-client", () -> newClient(plain)), plain));
        }
    }

    /**
     * The HTTP client for clients of {@code endpoint} ({@code null}: AWS's own): the one begun early
     * if it serves that endpoint, else one made when first needed. An early one that does not serve
     * it is closed once made. For a TLS endpoint the trust store starts loading now, ready by the
     * first handshake.
     */
    static Lazy<SdkHttpClient> forEndpoint(URI endpoint) {
        if (needsTrustStore(endpoint)) {
            DeferredTrustManager.DEFAULT.loadBeside();
        }
        boolean plain = plainLocal(endpoint);
        Early early = EARLY.getAndSet(null);
        if (early != null && serves(early.plain(), plain)) {
            return Lazy.adopting(early.client());
        }
        if (early != null) {
            early.client().thenAccept(SdkHttpClient::close);
        }
        return new Lazy<>(() -> newClient(plain));
    }

    /** Whether requests to {@code endpoint} ({@code null}: AWS's own) go over TLS; plain HTTP never needs the trust store. */
    static boolean needsTrustStore(URI endpoint) {
        return endpoint == null || "https".equalsIgnoreCase(endpoint.getScheme());
    }

    /**
     * Whether {@code endpoint} is plain HTTP to this machine (a local emulator such as moto):
     * requests to it need no TLS and never go through a proxy.
     */
    static boolean plainLocal(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        try {
            return plainLocal(URI.create(endpoint));
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    static boolean plainLocal(URI endpoint) {
        if (endpoint == null || !"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            return false;
        }
        String host = endpoint.getHost();
        return host.equalsIgnoreCase("localhost") || host.equals("[::1]")
                || host.startsWith("127.") && host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Whether an HTTP client made plain (or with TLS) serves an endpoint that is plain and local (or not). */
    static boolean serves(boolean plainClient, boolean plainLocalEndpoint) {
        return plainLocalEndpoint || !plainClient; // a TLS client serves a plain endpoint too
    }

    private static SdkHttpClient newClient(boolean plainLocal) {
        if (plainLocal) {
            // No SSL context (building one takes tens of milliseconds of a step's start) and no proxy.
            return UrlConnectionHttpClient.create(HttpClients::plainConnection);
        }
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .tlsTrustManagersProvider(() -> new TrustManager[] {DeferredTrustManager.DEFAULT})
                .build();
    }

    /**
     * A connection of the plain client: no proxy, the timeouts of the TLS one. Its endpoint is plain
     * HTTP on this machine; were a request ever sent elsewhere, the JDK's own defaults would apply
     * (its trust store and host name check for HTTPS).
     */
    static HttpURLConnection plainConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) SOCKET_TIMEOUT.toMillis());
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
        }
    }

    /** Whether {@link #startEarly} began an HTTP client that nothing has taken yet. */
    static boolean waiting() {
        return EARLY.get() != null;
    }

    /** Whether the HTTP client waiting to be taken is the plain one; {@code null} when none waits. */
    static Boolean waitingIsPlain() {
        Early early = EARLY.get();
        return early == null ? null : early.plain();
    }
}
