package io.bakehouse.engine.aws;

import io.bakehouse.engine.concurrent.Beside;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust manager (its trust store, or the one {@code javax.net.ssl.trustStore}
 * names), loaded when a certificate is first checked rather than when the HTTP client is built.
 * Loading the trust store takes tens of milliseconds on a cold JVM, and an endpoint spoken to over
 * plain HTTP (an emulator, say) never needs it; {@link #loadBeside()} loads it ahead on a thread of
 * its own when one will. Every check is the default manager's own, endpoint identification included.
 */
final class DeferredTrustManager extends X509ExtendedTrustManager {

    /** The one the HTTP clients of this process use: the default trust store is the process's anyway. */
    static final DeferredTrustManager DEFAULT = new DeferredTrustManager(DeferredTrustManager::jdkDefault);

    private final Lazy<X509ExtendedTrustManager> loaded;

    DeferredTrustManager(Supplier<X509ExtendedTrustManager> source) {
        this.loaded = new Lazy<>(source);
    }

    /** Starts loading the trust store beside the caller, unless it is loaded. */
    void loadBeside() {
        if (!loaded.isMade()) {
            Beside.start("bakehouse-trust-store", loaded::get);
        }
    }

    boolean isLoaded() {
        return loaded.isMade();
    }

    private X509ExtendedTrustManager delegate() {
        return loaded.get();
    }

    private static X509ExtendedTrustManager jdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's default trust manager factory gave no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's default trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate().getAcceptedIssuers();
    }
}
