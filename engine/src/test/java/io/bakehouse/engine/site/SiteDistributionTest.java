package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.SiteFixtures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

public class SiteDistributionTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private static final PollSchedule FAST = new PollSchedule(Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofMillis(40));

    private AwsClients clients;
    private final RecordingReporter reporter = new RecordingReporter();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
    }

    private SiteDistribution distribution(String id) {
        return new SiteDistribution(clients.cloudFront(), id, reporter);
    }

    @Test
    public void lookUp_takesTheBucketOriginWhosePathCoversThePrefixMost() {
        Map<String, String> origins = new LinkedHashMap<>();
        origins.put("my-site.s3.amazonaws.com", "");
        origins.put("my-site.s3.us-east-1.amazonaws.com", "/www");
        origins.put("other.s3.amazonaws.com", "/www/docs");
        String id = SiteFixtures.createDistribution(clients, origins);

        ViewerPaths paths = distribution(id).lookUp("my-site", "www/docs/");

        assertTrue(paths.servesSite());
        assertEquals("/docs/index.html", paths.pathOf("www/docs/index.html"));
        assertTrue(reporter.text(), reporter.contains("serves s3://my-site/www/ at /"));
    }

    @Test
    public void lookUp_withoutAnOriginForTheBucket_takesTheKeysAsPaths_andWarns() {
        String id = SiteFixtures.createDistribution(clients, Map.of("assets.example.com.s3.amazonaws.com", ""));

        ViewerPaths paths = distribution(id).lookUp("my-site", "www/");

        assertEquals("/www/index.html", paths.pathOf("www/index.html"));
        assertTrue(reporter.text(), reporter.contains("warn: Distribution " + id + " has no origin naming bucket my-site"));
    }

    @Test
    public void lookUp_whenTheBucketOriginServesAnotherPrefix_servesNothingOfTheSite() {
        String id = SiteFixtures.createDistribution(clients, "my-site", "/blue");

        assertFalse(distribution(id).lookUp("my-site", "green/").servesSite());
        assertTrue(distribution(id).lookUp("my-site", "blue/v2/").servesSite());
    }

    @Test
    public void lookUp_ofAnUnknownDistribution_isBadInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> distribution("E0000000000000").lookUp("my-site", ""));

        assertEquals("distributionId", e.field());
    }

    @Test
    public void await_givesUpAfterTheLongestWait_sayingTheFilesArePublished() {
        String id = SiteFixtures.createDistribution(clients, "my-site", "");
        AwsClients viaProxy = MOTO.clientsVia(proxy.endpoint());
        SiteDistribution distribution = new SiteDistribution(viaProxy.cloudFront(), id, reporter);
        String invalidation = distribution.invalidate(List.of("/index.html"));
        proxy.always(r -> r.path().contains("/invalidation/"), Fault.respond(200, "text/xml",
                "<?xml version=\"1.0\"?><Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                        + "<Id>" + invalidation + "</Id><Status>InProgress</Status></Invalidation>"));
        BakehouseException e = assertThrows(BakehouseException.class, () -> distribution.await(invalidation,
                new PollSchedule(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40)),
                Duration.ofMillis(300), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("was still InProgress after "));
        assertTrue(e.getMessage(), e.getMessage().contains("the files are published"));
        assertTrue(e.hint(), e.hint().contains("aws cloudfront get-invalidation --distribution-id " + id));
        long looks = reporter.lines().stream().filter(l -> l.contains("Invalidation " + invalidation + " is InProgress")).count();
        assertTrue(reporter.text(), looks >= 3);
    }

    @Test
    public void await_ridesOutThrottlingAndServerErrors_backingOff() {
        String id = SiteFixtures.createDistribution(clients, "my-site", "");
        // one attempt per call, so that the wait sees what the SDK's own retries would otherwise absorb
        AwsClients viaProxy = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()).withRetries(false, 1),
                new AwsEnvironment(Map.of())));
        SiteDistribution distribution = new SiteDistribution(viaProxy.cloudFront(), id, reporter);
        String invalidation = distribution.invalidate(List.of("/index.html"));
        proxy.failNext(r -> r.path().contains("/invalidation/"), 1, Fault.awsError(400, "Throttling", "Rate exceeded"));
        proxy.failNext(r -> r.path().contains("/invalidation/"), 1, Fault.awsError(503, "ServiceUnavailable", "Try again"));

        assertTrue(distribution.await(invalidation, FAST, Duration.ofSeconds(20), new CancelToken()));

        assertEquals(2, proxy.faultsInjected());
        assertTrue(reporter.text(), reporter.contains("detail: CloudFront throttled a look at invalidation " + invalidation
                + " of distribution " + id + " (Throttling); looking again in "));
        assertTrue(reporter.text(), reporter.contains("detail: CloudFront failed a look at invalidation " + invalidation));
        assertTrue(reporter.text(), reporter.contains("Invalidation " + invalidation + " completed"));
    }

    @Test
    public void await_stopsWhenCancelled_withoutLookingAgain() {
        String id = SiteFixtures.createDistribution(clients, "my-site", "");
        SiteDistribution distribution = distribution(id);
        String invalidation = distribution.invalidate(List.of("/index.html"));
        CancelToken cancel = new CancelToken();
        cancel.cancel("aborted by the test");
        AwsClients viaProxy = MOTO.clientsVia(proxy.endpoint());

        assertFalse(new SiteDistribution(viaProxy.cloudFront(), id, reporter).await(invalidation, FAST,
                Duration.ofSeconds(20), cancel));

        assertEquals(List.of(), proxy.log());
    }

    @Test
    public void await_whoseNonTransientLookFails_saysWhatItWasLookingAt() {
        String id = SiteFixtures.createDistribution(clients, "my-site", "");
        AwsClients viaProxy = MOTO.clientsVia(proxy.endpoint());
        SiteDistribution distribution = new SiteDistribution(viaProxy.cloudFront(), id, reporter);
        String invalidation = distribution.invalidate(List.of("/index.html"));
        proxy.always(r -> r.path().contains("/invalidation/"), Fault.awsError(403, "AccessDenied", "not allowed"));

        BakehouseException e = assertThrows(BakehouseException.class, () -> distribution.await(invalidation, FAST,
                Duration.ofSeconds(20), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("invalidation " + invalidation + " of distribution " + id));
        assertEquals(1, proxy.faultsInjected());
    }
}
