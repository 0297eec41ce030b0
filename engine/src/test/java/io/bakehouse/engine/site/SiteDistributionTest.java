package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

public class SiteDistributionTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

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
        AtomicInteger sleeps = new AtomicInteger();

        BakehouseException e = assertThrows(BakehouseException.class, () -> distribution.await(invalidation,
                new SiteDistribution.Polling(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(300)),
                d -> {
                    sleeps.incrementAndGet();
                    try {
                        Thread.sleep(d.toMillis());
                    } catch (InterruptedException ie) {
                        throw new AssertionError(ie);
                    }
                    return false;
                }));

        assertTrue(e.getMessage(), e.getMessage().contains("was still InProgress after "));
        assertTrue(e.getMessage(), e.getMessage().contains("the files are published"));
        assertTrue(e.hint(), e.hint().contains("aws cloudfront get-invalidation --distribution-id " + id));
        assertTrue(String.valueOf(sleeps.get()), sleeps.get() >= 3);
    }
}
