package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.site.RemoteSite.RemoteObject;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.SiteFixtures;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

public class RemoteSiteTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private static final String BUCKET = "site-bucket";

    private AwsClients clients;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        SiteFixtures.createBucket(clients, BUCKET);
    }

    private AwsClients viaProxy() {
        return MOTO.clientsVia(proxy.endpoint());
    }

    private void put(String key, String content, boolean sha256) {
        clients.s3().putObject(r -> {
            r.bucket(BUCKET).key(key);
            if (sha256) {
                r.checksumAlgorithm(ChecksumAlgorithm.SHA256);
            }
        }, RequestBody.fromString(content));
    }

    @Test
    public void list_givesTheObjectsUnderThePrefix_withSizeUnquotedEtagAndChecksumKind_butNoFolderMarkers() {
        put("www/a.txt", "a", true);
        put("www/b/c.txt", "cc", false);
        put("www/b/", "", false);
        put("www-old/a.txt", "a", true);

        Map<String, RemoteObject> objects = new RemoteSite(clients.s3(), BUCKET).list("www/", () -> false);

        assertEquals(List.of("www/a.txt", "www/b/c.txt"), List.copyOf(objects.keySet()));
        RemoteObject a = objects.get("www/a.txt");
        assertEquals(1, a.size());
        assertEquals("0cc175b9c0f1b6a831c399e269772661", a.etag());
        assertTrue(a.sha256());
        assertFalse(objects.get("www/b/c.txt").sha256());
    }

    @Test
    public void list_followsContinuationTokens() {
        proxy.failNext(r -> r.path().contains("list-type=2") && !r.path().contains("continuation-token"), 1,
                Fault.respond(200, "application/xml", page("<IsTruncated>true</IsTruncated>"
                        + "<NextContinuationToken>page-2</NextContinuationToken>", "www/a.txt")));
        proxy.failNext(r -> r.path().contains("continuation-token=page-2"), 1,
                Fault.respond(200, "application/xml", page("<IsTruncated>false</IsTruncated>", "www/z.txt")));

        Map<String, RemoteObject> objects = new RemoteSite(viaProxy().s3(), BUCKET).list("www/", () -> false);

        assertEquals(List.of("www/a.txt", "www/z.txt"), List.copyOf(objects.keySet()));
        assertEquals(2, proxy.faultsInjected());
    }

    private static String page(String truncation, String key) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/"
                + "2006-03-01/\"><Name>" + BUCKET + "</Name><Prefix>www/</Prefix><KeyCount>1</KeyCount>"
                + "<MaxKeys>1</MaxKeys>" + truncation + "<Contents><Key>" + key + "</Key><ETag>&quot;e&quot;</ETag>"
                + "<Size>1</Size></Contents></ListBucketResult>";
    }

    @Test
    public void sha256_isTheStoredChecksum_orNullForNoneOrNoObject() {
        put("with.txt", "a", true);
        put("without.txt", "a", false);
        RemoteSite site = new RemoteSite(clients.s3(), BUCKET);

        assertEquals("ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=", site.sha256("with.txt"));
        assertNull(site.sha256("without.txt"));
        assertNull(site.sha256("gone.txt"));
    }

    @Test
    public void list_accessDenied_saysWhatItWasDoing() {
        proxy.always(r -> r.path().contains("list-type=2"), Fault.awsError(403, "AccessDenied", "Access Denied"));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> new RemoteSite(viaProxy().s3(), BUCKET).list("www/", () -> false));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Access denied listing s3://site-bucket/www/"));
    }
}
