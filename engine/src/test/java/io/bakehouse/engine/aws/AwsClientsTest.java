package io.bakehouse.engine.aws;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.Version;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

public class AwsClientsTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Test
    public void everyRequest_carriesTheBakehouseUserAgent() {
        try (AwsClients clients = AwsClients.create(MotoServer.settingsFor(proxy.endpoint()), new AwsEnvironment(Map.of()))) {
            clients.ssm().describeParameters();

            assertTrue(proxy.lastUserAgent(), proxy.lastUserAgent().contains(Version.userAgent()));
        }
    }

    @Test
    public void clients_areMadeOnceAndShared() {
        try (AwsClients clients = AwsClients.create(MOTO.settings(), new AwsEnvironment(Map.of()))) {
            assertSame(clients.ssm(), clients.ssm());
            assertSame(clients, clients.forRegion("us-east-1"));
            assertEquals("eu-west-1", clients.forRegion("eu-west-1").region());
        }
    }

    @Test
    public void ecrOfAnotherRegion_isItsOwnClientAtTheSameEndpoint() {
        try (AwsClients clients = AwsClients.create(MOTO.settings(), new AwsEnvironment(Map.of()))) {
            assertSame(clients.ecr(), clients.ecr());
            clients.ecr().createRepository(r -> r.repositoryName("here"));
            AwsClients west = clients.forRegion("eu-west-1");

            assertEquals(0, west.ecr().describeRepositories().repositories().size());
            assertEquals(1, clients.ecr().describeRepositories().repositories().size());
            clients.ecr().deleteRepository(r -> r.repositoryName("here"));
        }
    }

    @Test
    public void prepare_buildsClientsBesideTheCallerAndHandsOutThoseSame() {
        try (AwsClients clients = AwsClients.create(MOTO.settings(), new AwsEnvironment(Map.of()))) {
            Object[] built = new Object[2];
            clients.prepare(c -> built[0] = c.ssm(), c -> built[1] = Thread.currentThread().getName()).join();

            assertSame(built[0], clients.ssm());
            assertEquals("bakehouse-aws-clients", built[1]);
            clients.ssm().describeParameters();
        }
    }

    @Test
    public void anHttpClientStartedEarly_isTakenByTheNextSetOnly_andServesItsRequests() {
        AwsClients.startHttpClient(null);
        AwsClients.startHttpClient(MOTO.endpoint()); // a second call while one waits changes nothing
        assertTrue(HttpClients.waiting());
        assertFalse(HttpClients.waitingIsPlain());

        takesTheWaitingClientAndServesItsRequests();
        try (AwsClients later = AwsClients.create(MOTO.settings(), new AwsEnvironment(Map.of()))) {
            assertFalse(HttpClients.waiting());
            later.ssm().describeParameters();
        }
    }

    @Test
    public void anHttpClientStartedEarlyForALocalEmulator_isThePlainOne_andServesItsRequests() {
        AwsClients.startHttpClient(MOTO.endpoint());
        assertTrue(HttpClients.waitingIsPlain());

        takesTheWaitingClientAndServesItsRequests();
    }

    /** Clients for moto take the HTTP client started early, and a parameter written through it reads back. */
    private static void takesTheWaitingClientAndServesItsRequests() {
        try (AwsClients clients = AwsClients.create(MOTO.settings(), new AwsEnvironment(Map.of()))) {
            assertFalse(HttpClients.waiting());
            String name = "/early-http/" + UUID.randomUUID();
            clients.ssm().putParameter(r -> r.name(name).value("v").type("String"));
            assertEquals("v", clients.ssm().getParameter(r -> r.name(name)).parameter().value());
        }
    }

    @Test
    public void aPlainClientStartedEarly_isNotTakenForAnotherEndpoint() {
        AwsClients.startHttpClient("http://127.0.0.1:9");
        String tls = "https://127.0.0.1:9";

        try (AwsClients clients = AwsClients.create(MotoServer.settingsFor(tls), new AwsEnvironment(Map.of()))) {
            assertFalse(HttpClients.waiting()); // taken off, and closed once made
            assertEquals(tls, clients.endpointUrl());
        }
    }

    @Test
    public void aClient_isBuiltWithoutWaitingForTheHttpClient_whoseFirstUseIsItsFirstRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        SdkHttpClient real = UrlConnectionHttpClient.create();
        DeferredHttpClient deferred = new DeferredHttpClient(() -> {
            asked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real;
        });
        try (AwsClients identity = AwsClients.create(MOTO.settings(), new AwsEnvironment(Map.of()));
             SsmClient ssm = SsmClient.builder().httpClient(deferred).region(Region.of(identity.region()))
                .endpointOverride(URI.create(MOTO.endpoint()))
                .credentialsProvider(identity.credentialsProvider()).build()) {
            assertEquals(0, asked.get());
            CompletableFuture<Integer> call = CompletableFuture.supplyAsync(
                    () -> ssm.describeParameters().parameters().size());
            Thread.sleep(200);
            assertFalse("the request waits for the HTTP client", call.isDone());
            release.countDown();
            assertTrue(call.get(30, TimeUnit.SECONDS) >= 0);
            assertEquals(1, asked.get());
        } finally {
            real.close();
        }
    }

    @Test
    public void theDeferredClient_namesItselfAsTheClientItStandsFor() {
        try (SdkHttpClient real = UrlConnectionHttpClient.create()) {
            assertEquals(real.clientName(), DeferredHttpClient.NAME);
            assertEquals(real.clientName(), new DeferredHttpClient(() -> real).clientName());
        }
    }

    @Test
    public void aClosedSet_buildsNoClient_evenOnePreparedLate() {
        AwsClients clients = AwsClients.create(MOTO.settings(), new AwsEnvironment(Map.of()));
        clients.close();

        CompletionException late = assertThrows(CompletionException.class,
                () -> clients.prepare(AwsClients::ec2).join());
        assertTrue(late.getCause() instanceof IllegalStateException);
        assertThrows(IllegalStateException.class, clients::ssm);
    }

    @Test
    public void roleArn_assumesTheRoleThroughSts() {
        AwsSettings settings = MOTO.settings()
                .withRole("arn:aws:iam::123456789012:role/deployer", "ext-1", "build-42");
        try (AwsClients clients = AwsClients.create(settings, new AwsEnvironment(Map.of()))) {
            String arn = clients.sts().getCallerIdentity().arn();

            assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/build-42", arn);
            assertTrue(!clients.credentialsProvider().resolveCredentials().accessKeyId().equals(MotoServer.ACCESS_KEY));
        }
    }

    @Test
    public void baseRoleAndRoleArn_assumeTheBaseRoleFirstThenRoleArnWithItsSession() throws Exception {
        String base = "arn:aws:iam::123456789012:role/jenkins-credential-" + UUID.randomUUID();
        String step = "arn:aws:iam::123456789012:role/step-deployer-" + UUID.randomUUID();
        AwsSettings settings = MotoServer.settingsFor(proxy.endpoint())
                .withBaseRole(new RoleToAssume(base, "credential-ext"))
                .withRole(step, "step-ext", "build-43");
        try (AwsClients clients = AwsClients.create(settings, new AwsEnvironment(Map.of()))) {
            assertEquals(step.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/build-43",
                    clients.sts().getCallerIdentity().arn());
        }

        List<MotoServer.AssumedRole> assumed = MOTO.assumedRoles().stream()
                .filter(r -> r.roleArn().equals(base) || r.roleArn().equals(step)).toList();
        assertEquals(List.of(base, step), assumed.stream().map(MotoServer.AssumedRole::roleArn).toList());
        assertEquals(List.of("credential-ext", "step-ext"), assumed.stream().map(MotoServer.AssumedRole::externalId).toList());
        // the base role with the given keys; the step's role with the base role's session
        List<String> signers = proxy.log().stream().filter(r -> r.action().equals("AssumeRole"))
                .map(FaultProxy.Request::accessKeyId).toList();
        assertEquals(List.of(MotoServer.ACCESS_KEY, assumed.get(0).accessKeyId()), signers);
        String caller = proxy.log().stream().filter(r -> r.action().equals("GetCallerIdentity"))
                .map(FaultProxy.Request::accessKeyId).findFirst().orElseThrow();
        assertEquals(assumed.get(1).accessKeyId(), caller);
    }

    @Test
    public void baseRoleAlone_isTheIdentity() throws Exception {
        String base = "arn:aws:iam::123456789012:role/jenkins-credential-" + UUID.randomUUID();
        AwsSettings settings = MOTO.settings().withBaseRole(new RoleToAssume(base, null))
                .withRole(null, null, "alone-7");
        try (AwsClients clients = AwsClients.create(settings, new AwsEnvironment(Map.of()))) {
            assertEquals(base.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/alone-7",
                    clients.sts().getCallerIdentity().arn());
        }
        List<MotoServer.AssumedRole> assumed = MOTO.assumedRoles().stream().filter(r -> r.roleArn().equals(base)).toList();
        assertEquals(1, assumed.size());
        assertNull(assumed.get(0).externalId());
    }

    @Test
    public void standardRetries_surviveTransientFaults() {
        proxy.failNext("DescribeParameters", 2, FaultProxy.Fault.throttle());
        try (AwsClients clients = AwsClients.create(MotoServer.settingsFor(proxy.endpoint()), new AwsEnvironment(Map.of()))) {
            clients.ssm().describeParameters();

            assertEquals(3, proxy.requests("DescribeParameters"));
        }
    }

    @Test
    public void adaptiveRetriesAndMaxAttempts_areHonoured() {
        proxy.always("DescribeParameters", FaultProxy.Fault.serverError(503));
        AwsSettings settings = MotoServer.settingsFor(proxy.endpoint()).withRetries(true, 2);
        try (AwsClients clients = AwsClients.create(settings, new AwsEnvironment(Map.of()))) {
            try {
                clients.ssm().describeParameters();
            } catch (RuntimeException expected) {
                // the point is how often it tried
            }
            assertEquals(2, proxy.requests("DescribeParameters"));
        }
    }
}
