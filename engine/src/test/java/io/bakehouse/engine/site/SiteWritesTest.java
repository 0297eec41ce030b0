package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.SiteFixtures;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

public class SiteWritesTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private static final String BUCKET = "site-bucket";

    private AwsClients clients;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        SiteFixtures.createBucket(clients, BUCKET);
    }

    private SiteWrites writes(AwsClients through, SitePlan plan) {
        return new SiteWrites(through.s3(), BUCKET, new Tally(plan, new RecordingReporter()));
    }

    @Test
    public void upload_sendsTheFilesTypeCacheHeaderAndSha256_whichS3Keeps() throws Exception {
        Files.writeString(temp.newFile("a.txt").toPath(), "a");
        SiteFile read = LocalSite.read(temp.getRoot().toString(), "", new RecordingReporter(), () -> false).get(0);
        SitePlan.Upload upload = new SitePlan.Upload(read, "www/a.txt", false, "text/plain", "no-cache");

        writes(clients, new SitePlan(List.of(upload), List.of(), 0, List.of())).upload(upload);

        HeadObjectResponse head = clients.s3().headObject(r -> r.bucket(BUCKET).key("www/a.txt")
                .checksumMode(ChecksumMode.ENABLED));
        assertEquals("ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=", head.checksumSHA256());
        assertEquals("text/plain", head.contentType());
        assertEquals("no-cache", head.cacheControl());
        assertEquals("\"0cc175b9c0f1b6a831c399e269772661\"", head.eTag());
    }

    @Test
    public void delete_goesInBatchesOfAThousand_andCountsWhatWasDeleted() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < SiteWrites.DELETE_BATCH + 1; i++) {
            keys.add("k" + i);
        }
        clients.s3().putObject(r -> r.bucket(BUCKET).key("k0"), RequestBody.fromString("x"));
        clients.s3().putObject(r -> r.bucket(BUCKET).key("k1000"), RequestBody.fromString("x"));
        clients.s3().putObject(r -> r.bucket(BUCKET).key("keep"), RequestBody.fromString("x"));
        SitePlan plan = new SitePlan(List.of(), List.of(), 0, keys);
        Tally tally = new Tally(plan, new RecordingReporter());

        new SiteWrites(viaProxy().s3(), BUCKET, tally).delete(keys, () -> false);

        assertEquals(2, proxy.log().stream().filter(r -> r.path().contains("?delete")).count());
        assertEquals(List.of("keep"), List.copyOf(SiteFixtures.objects(clients, BUCKET).keySet()));
        assertEquals(SiteWrites.DELETE_BATCH + 1, tally.deletedObjects());
    }

    @Test
    public void delete_keysS3DidNotDelete_failWithTheFirstError() {
        proxy.always(r -> r.path().contains("?delete"), Fault.respond(200, "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult xmlns=\"http://s3.amazonaws.com/doc/"
                        + "2006-03-01/\"><Error><Key>b.txt</Key><Code>AccessDenied</Code><Message>Access Denied"
                        + "</Message></Error></DeleteResult>"));
        List<String> keys = List.of("a.txt", "b.txt");
        Tally tally = new Tally(new SitePlan(List.of(), List.of(), 0, keys), new RecordingReporter());

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> new SiteWrites(viaProxy().s3(), BUCKET, tally).delete(keys, () -> false));

        assertTrue(e.getMessage(), e.getMessage().contains("S3 did not delete 1 of 2 objects, among them b.txt"
                + " (AccessDenied: Access Denied)"));
        assertEquals(1, tally.deletedObjects());
    }

    private AwsClients viaProxy() {
        return MOTO.clientsVia(proxy.endpoint());
    }
}
