package io.bakehouse.engine.aws;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import org.junit.Test;

/** Which HTTP client serves which endpoint; the clients' requests through them are in {@link AwsClientsTest}. */
public class HttpClientsTest {

    @Test
    public void plainLocal_isPlainHttpToThisMachineOnly() {
        for (String local : List.of("http://127.0.0.1:5000", "http://localhost:4566", "HTTP://LOCALHOST:1",
                "http://[::1]:5000", "http://127.1.2.3:80/")) {
            assertTrue(local, HttpClients.plainLocal(local));
        }
        for (String other : List.of("https://127.0.0.1:5000", "https://ssm.us-east-1.amazonaws.com",
                "http://moto.internal:5000", "http://127.example.com:5000", "http://10.0.0.5:5000", "not a uri", "")) {
            assertFalse(other, HttpClients.plainLocal(other));
        }
        assertFalse(HttpClients.plainLocal((String) null));
        assertFalse(HttpClients.plainLocal((URI) null));
    }

    @Test
    public void aPlainClient_servesOnlyPlainLocalEndpoints_aTlsClientServesAny() {
        assertTrue(HttpClients.serves(true, true));
        assertFalse(HttpClients.serves(true, false));
        assertTrue(HttpClients.serves(false, true));
        assertTrue(HttpClients.serves(false, false));
    }

    @Test
    public void aPlainConnection_hasTheTimeoutsAndNoTls() throws Exception {
        HttpURLConnection connection = HttpClients.plainConnection(URI.create("http://127.0.0.1:9/"));

        assertEquals(10_000, connection.getConnectTimeout());
        assertEquals(60_000, connection.getReadTimeout());
        assertFalse(connection instanceof HttpsURLConnection);
        connection.disconnect();
    }
}
