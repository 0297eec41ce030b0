package io.bakehouse.engine.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The HTTP client as an AWS client sees it while the real one may still be under construction:
 * an SDK client built against this does not wait for TLS to be set up, only its first request
 * does. Its owner ({@link AwsClients}) closes the real client; closing this does nothing, as the
 * SDK does for any client it was handed.
 */
final class DeferredHttpClient implements SdkHttpClient {

    /** The name the URL-connection client gives itself; the SDK puts it in the user agent at build time. */
    static final String NAME = "UrlConnection";

    private final Supplier<SdkHttpClient> client;

    DeferredHttpClient(Supplier<SdkHttpClient> client) {
        this.client = client;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return client.get().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return NAME;
    }

    @Override
    public void close() {
        // the owner closes the client this stands for
    }
}
