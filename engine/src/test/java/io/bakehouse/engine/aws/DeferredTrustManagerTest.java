package io.bakehouse.engine.aws;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.core.exception.SdkClientException;

public class DeferredTrustManagerTest {

    private static final char[] PASSWORD = "test-only".toCharArray();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theTrustStore_isLoadedAtTheFirstCheck_once_andIsTheJdkDefault() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        DeferredTrustManager deferred = new DeferredTrustManager(() -> {
            loads.incrementAndGet();
            return jdkDefault();
        });
        assertFalse(deferred.isLoaded());
        assertEquals(0, loads.get());

        X509ExtendedTrustManager expected = jdkDefault();
        assertArrayEquals(expected.getAcceptedIssuers(), deferred.getAcceptedIssuers());
        assertTrue(deferred.getAcceptedIssuers().length > 0);
        assertTrue(deferred.isLoaded());
        assertEquals(1, loads.get());
    }

    @Test
    public void loadBeside_loadsItOnAnotherThread() throws Exception {
        CountingSource source = new CountingSource();
        DeferredTrustManager deferred = new DeferredTrustManager(source);
        deferred.loadBeside();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!deferred.isLoaded() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertTrue(deferred.isLoaded());
        assertEquals("bakehouse-trust-store", source.thread);
        deferred.loadBeside(); // loaded: nothing more
        deferred.getAcceptedIssuers();
        assertEquals(1, source.loads.get());
    }

    @Test
    public void onlyAnEndpointSpokenToOverTls_needsTheTrustStore() {
        assertTrue(HttpClients.needsTrustStore(null));
        assertTrue(HttpClients.needsTrustStore(URI.create("https://ssm.eu-west-1.amazonaws.com")));
        assertTrue(HttpClients.needsTrustStore(URI.create("HTTPS://vpce-0a1b.ssm.eu-west-1.vpce.amazonaws.com")));
        assertFalse(HttpClients.needsTrustStore(URI.create("http://127.0.0.1:5000")));
    }

    /** The certificate checks are the JDK's: a server whose certificate no trusted authority signed is refused. */
    @Test
    public void aServerWithAnUntrustedCertificate_isRefused() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(selfSignedKeyStore())));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            String endpoint = "https://127.0.0.1:" + server.getAddress().getPort();
            try (AwsClients clients = AwsClients.create(
                    io.bakehouse.testkit.MotoServer.settingsFor(endpoint).withRetries(false, 1),
                    new AwsEnvironment(Map.of()))) {
                SdkClientException refused = assertThrows(SdkClientException.class,
                        () -> clients.ssm().describeParameters());
                assertTrue(String.valueOf(refused), causedBy(refused, SSLHandshakeException.class));
                // refused by the certificate check itself (no path to a trusted authority), not by the handshake's terms
                assertTrue(String.valueOf(refused), causedBy(refused, java.security.cert.CertificateException.class));
            }
            assertTrue(DeferredTrustManager.DEFAULT.isLoaded());
        } finally {
            server.stop(0);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static X509ExtendedTrustManager jdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair and a certificate signed by itself, made by the JDK's keytool. */
    private KeyStore selfSignedKeyStore() throws Exception {
        Path store = temp.getRoot().toPath().resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue("keytool: " + output, p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private static SSLContext serverContext(KeyStore keys) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static final class CountingSource implements java.util.function.Supplier<X509ExtendedTrustManager> {
        final AtomicInteger loads = new AtomicInteger();
        volatile String thread;

        @Override
        public X509ExtendedTrustManager get() {
            loads.incrementAndGet();
            thread = Thread.currentThread().getName();
            return jdkDefault();
        }
    }
}
