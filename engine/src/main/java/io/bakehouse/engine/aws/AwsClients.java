package io.bakehouse.engine.aws;

import io.bakehouse.engine.Version;
import io.bakehouse.engine.concurrent.Beside;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The one factory for AWS clients. Clients are made on first use (a CLI command touches one
 * or two services, and each client costs start-up time), share one lightweight HTTP client
 * and one credentials provider, and are closed together.
 *
 * <p>The HTTP client is the JDK's {@code HttpURLConnection}-based one: it starts several
 * times faster than the Apache client and needs no native code, which matters for a CLI
 * started once per pipeline step (see {@code bench/}).
 */
public final class AwsClients implements AutoCloseable {

    private final AwsEnvironment.Resolved settings;
    /**
     * Made when first needed, or begun by {@link #startHttpClient(String)} ({@link HttpClients}):
     * building one with TLS makes an SSL context, tens of milliseconds on a cold JVM. The trust store,
     * as long again, is loaded at the first handshake or ahead of it ({@link DeferredTrustManager}).
     * Clients are built against {@link #deferredHttp}, so building one never waits for the HTTP
     * client; their first request does.
     */
    private final Lazy<SdkHttpClient> http;
    private final SdkHttpClient deferredHttp;
    /** Whether closing these clients closes the HTTP client; moves to the clients of an assumed role. */
    private boolean ownsHttp;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Set by close(), under the lock of {@code opened}. */
    private volatile boolean closed;

    private final Lazy<SsmClient> ssm = new Lazy<>(() -> build(SsmClient.builder()));
    private final Lazy<Ec2Client> ec2 = new Lazy<>(() -> build(Ec2Client.builder()));
    private final Lazy<CloudFormationClient> cloudFormation = new Lazy<>(() -> build(CloudFormationClient.builder()));
    private final Lazy<EcsClient> ecs = new Lazy<>(() -> build(EcsClient.builder()));
    private final Lazy<EcrClient> ecr = new Lazy<>(() -> build(EcrClient.builder()));
    private final Lazy<CloudWatchLogsClient> logs = new Lazy<>(() -> build(CloudWatchLogsClient.builder()));
    private final Lazy<CloudWatchClient> cloudWatch = new Lazy<>(() -> build(CloudWatchClient.builder()));
    private final Lazy<LambdaClient> lambda = new Lazy<>(() -> build(LambdaClient.builder()));
    private final Lazy<StsClient> sts = new Lazy<>(() -> build(StsClient.builder()));
    private final Lazy<S3Client> s3 = new Lazy<>(() -> build(S3Client.builder()
            .forcePathStyle(true))); // path-style works with emulators and with every bucket name
    /** CloudFront is global: in the aws partition the SDK sends every region's calls to its one endpoint. */
    private final Lazy<CloudFrontClient> cloudFront = new Lazy<>(() -> build(CloudFrontClient.builder()));

    private AwsClients(AwsEnvironment.Resolved settings, Lazy<SdkHttpClient> http, boolean ownsHttp,
                       AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.http = http;
        this.deferredHttp = new DeferredHttpClient(http::get);
        this.ownsHttp = ownsHttp;
        this.credentials = credentials;
    }

    /**
     * Starts building the HTTP client on a thread of its own, for the next {@link #create} of this
     * process to take: a short-lived process (the CLI) calls it first thing, so TLS is set up while
     * it reads its command line and its inputs. {@code endpointHint} is the endpoint the caller
     * expects (read off its arguments before they are parsed, or {@code null}): for a plain-HTTP
     * endpoint on this machine the client made has no TLS ({@link HttpClients#plainLocal}), and
     * {@link #create} makes another if the endpoint it resolves is not one. Calling it again before
     * that create does nothing.
     */
    public static void startHttpClient(String endpointHint) {
        HttpClients.startEarly(endpointHint);
    }

    /**
     * Clients for {@code settings}, resolved against {@code environment}. Their identity is the
     * base credentials, which assume the settings' base role (if any), whose session then assumes
     * {@code roleArn} (if any): each role through STS with the identity before it.
     */
    public static AwsClients create(AwsSettings settings, AwsEnvironment environment) {
        AwsEnvironment.Resolved resolved = environment.resolve(settings);
        Lazy<SdkHttpClient> http = HttpClients.forEndpoint(resolved.endpoint());
        AwsClients clients = new AwsClients(resolved, http, true, resolved.baseCredentials());
        if (resolved.baseRole() != null) {
            clients = clients.assuming(resolved.baseRole());
        }
        if (resolved.roleArn() != null) {
            clients = clients.assuming(new RoleToAssume(resolved.roleArn(), resolved.externalId()));
        }
        return clients;
    }

    /**
     * Clients whose identity is {@code role}, assumed with this identity. They hold this one (its
     * STS client refreshes the role's session) and close it, and take over the HTTP client.
     */
    private AwsClients assuming(RoleToAssume role) {
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts())
                .refreshRequest(r -> {
                    r.roleArn(role.roleArn()).roleSessionName(settings.roleSessionName());
                    if (role.externalId() != null) {
                        r.externalId(role.externalId());
                    }
                })
                .build();
        AwsClients withRole = new AwsClients(settings, http, ownsHttp, assumed);
        ownsHttp = false;
        withRole.opened.add(assumed);
        withRole.opened.add(this);
        return withRole;
    }

    /** The same identity and endpoint in another region; closed together with this one. */
    public AwsClients forRegion(String region) {
        if (region.equals(settings.region())) {
            return this;
        }
        AwsSettings.validateRegion(region);
        AwsEnvironment.Resolved other = new AwsEnvironment.Resolved(region, settings.endpoint(),
                credentials, null, null, null, null, settings.adaptiveRetries(), settings.maxAttempts());
        AwsClients sibling = new AwsClients(other, http, false, credentials);
        synchronized (opened) {
            opened.add(sibling);
        }
        return sibling;
    }

    /**
     * Starts building the clients a step is about to use on a thread beside the caller's, so they are
     * ready when its local work (reading a template, computing a key) is done: a client takes tens
     * of milliseconds to build on a cold JVM. A failure is not reported here; the step meets it when
     * it asks for the client. The returned future (for tests) completes when they are built.
     */
    @SafeVarargs
    public final CompletableFuture<Void> prepare(Function<AwsClients, ?>... clients) {
        return Beside.start("bakehouse-aws-clients", () -> {
            for (Function<AwsClients, ?> client : clients) {
                client.apply(this);
            }
            http.get();
            return null;
        });
    }

    public String region() {
        return settings.region();
    }

    /** The endpoint override in use, or {@code null} for AWS's own endpoints. */
    public String endpointUrl() {
        return settings.endpoint() == null ? null : settings.endpoint().toString();
    }

    public AwsCredentialsProvider credentialsProvider() {
        return credentials;
    }

    public SsmClient ssm() {
        return ssm.get();
    }

    public Ec2Client ec2() {
        return ec2.get();
    }

    public CloudFormationClient cloudFormation() {
        return cloudFormation.get();
    }

    public EcsClient ecs() {
        return ecs.get();
    }

    public EcrClient ecr() {
        return ecr.get();
    }

    public CloudWatchLogsClient logs() {
        return logs.get();
    }

    public CloudWatchClient cloudWatch() {
        return cloudWatch.get();
    }

    public LambdaClient lambda() {
        return lambda.get();
    }

    public StsClient sts() {
        return sts.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public CloudFrontClient cloudFront() {
        return cloudFront.get();
    }

    private <C extends AutoCloseable, B extends AwsClientBuilder<B, C>> C build(B builder) {
        if (closed) {
            throw new IllegalStateException("these AWS clients are closed");
        }
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(overrides());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(deferredHttp);
        }
        C client = builder.build();
        synchronized (opened) {
            if (!closed) {
                opened.add(client);
                return client;
            }
        }
        // closed while it was being built (by prepare's thread): it is not handed out
        try {
            client.close();
        } catch (Exception ignored) {
            // best effort, as in close()
        }
        throw new IllegalStateException("these AWS clients are closed");
    }

    private ClientOverrideConfiguration overrides() {
        RetryStrategy.Builder<?, ?> retries = settings.adaptiveRetries()
                ? AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                : AwsRetryStrategy.standardRetryStrategy().toBuilder();
        if (settings.maxAttempts() > 0) {
            retries.maxAttempts(settings.maxAttempts());
        }
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retries.build())
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, Version.userAgent())
                .build();
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (opened) {
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort; the process is finishing its work anyway
            }
        }
        if (ownsHttp) {
            http.ifPresent(SdkHttpClient::close);
        }
    }
}
