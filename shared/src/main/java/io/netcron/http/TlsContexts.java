package io.netcron.http;

import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One TLS socket strategy per {@link TlsTrust}, made on first use and kept. */
final class TlsContexts
{
    private final Map<TlsTrust, TlsSocketStrategy> strategies = new ConcurrentHashMap<>();

    TlsSocketStrategy strategy(TlsTrust trust, String target)
            throws TargetException
    {
        TlsSocketStrategy strategy = strategies.get(trust);
        if (strategy == null) {
            strategy = create(trust, target);
            strategies.putIfAbsent(trust, strategy);
        }
        return strategy;
    }

    private static TlsSocketStrategy create(TlsTrust trust, String target)
            throws TargetException
    {
        try {
            return switch (trust) {
                case TlsTrust.SystemCas ignored -> new DefaultClientTlsStrategy(context(trustManagers(null)));
                case TlsTrust.CaFile caFile -> new DefaultClientTlsStrategy(context(trustManagers(readCas(caFile, target))));
                // the pin replaces both the CA chain and the host name check
                case TlsTrust.Pinned pinned -> new DefaultClientTlsStrategy(context(new TrustManager[] {new PinningTrustManager(pinned.sha256())}),
                        HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
                case TlsTrust.Insecure ignored -> new DefaultClientTlsStrategy(context(new TrustManager[] {new PinningTrustManager(null)}),
                        HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
            };
        }
        catch (GeneralSecurityException e) {
            throw new TargetException(Outcome.FAILED, target + ": cannot set up TLS (" + trust.describe() + "): " + e.getMessage());
        }
    }

    private static SSLContext context(TrustManager[] trustManagers)
            throws GeneralSecurityException
    {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers, null);
        return context;
    }

    private static TrustManager[] trustManagers(KeyStore keyStore)
            throws GeneralSecurityException
    {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        return factory.getTrustManagers();
    }

    private static KeyStore readCas(TlsTrust.CaFile caFile, String target)
            throws TargetException, GeneralSecurityException
    {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile.file())) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        catch (IOException | CertificateException e) {
            throw new TargetException(Outcome.FAILED, target + ": cannot read the CA file " + caFile.file() + ": " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new TargetException(Outcome.FAILED, target + ": the CA file " + caFile.file() + " holds no PEM certificate");
        }
        KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            keyStore.load(null, null);
        }
        catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            keyStore.setCertificateEntry("ca-" + i++, certificate);
        }
        return keyStore;
    }

    static String sha256(X509Certificate certificate)
            throws CertificateException
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        }
        catch (NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    /** Thrown inside the handshake when the server's certificate is not the pinned one. */
    static final class PinMismatchException
            extends CertificateException
    {
        private final String presented;

        PinMismatchException(String presented)
        {
            super("certificate does not match the pin");
            this.presented = presented;
        }

        String presented()
        {
            return presented;
        }
    }

    /** Accepts exactly the pinned leaf certificate; with no pin (insecure mode) anything. */
    private record PinningTrustManager(String pin)
            implements X509TrustManager
    {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException
        {
            if (pin == null) {
                return;
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            String presented = sha256(chain[0]);
            if (!MessageDigest.isEqual(presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII), pin.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new PinMismatchException(presented);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException
        {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
