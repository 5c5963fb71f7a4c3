package io.netcron.jobs.monitoring;

import io.netcron.fanout.TargetScope;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Opens a TLS connection to read the certificate a console presents (its expiry) and how long
 * connect plus handshake take. It sends nothing over the connection, so it accepts any
 * certificate: it measures, it does not trust. Redfish calls go through the shared HTTP client
 * with the configured trust.
 */
final class TlsProbe
{
    /** What the handshake showed. */
    record Handshake(Duration latency, Instant notAfter, String subject, String protocol) {}

    private static final SSLContext READ_ONLY = readOnlyContext();

    private TlsProbe() {}

    static Handshake probe(Console console, String host, Duration timeout, TargetScope scope)
            throws TargetException
    {
        long started = System.nanoTime();
        Socket plain = new Socket();
        try (var registration = scope.onCancel(plain)) {
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            try {
                plain.connect(new InetSocketAddress(host, console.port()), millis);
            }
            catch (SocketTimeoutException e) { // no connection at all: unreachable, as a refused one
                throw new TargetException(Outcome.UNREACHABLE, console + ": no TCP connection to " + host + ":" + console.port() + " within " + millis + " ms");
            }
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) READ_ONLY.getSocketFactory().createSocket(plain, host, console.port(), true)) {
                if (!host.isEmpty() && Character.isLetter(host.charAt(host.length() - 1))) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                Duration latency = Duration.ofNanos(System.nanoTime() - started);
                Certificate[] chain = tls.getSession().getPeerCertificates();
                if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new TargetException(Outcome.PARSE_ERROR, console + ": the TLS handshake showed no X.509 certificate");
                }
                return new Handshake(latency, leaf.getNotAfter().toInstant(), leaf.getSubjectX500Principal().getName(), tls.getSession().getProtocol());
            }
        }
        catch (SocketTimeoutException e) {
            throw new TargetException(Outcome.TIMEOUT, console + ": no TLS handshake with " + host + ":" + console.port() + " within " + timeout.toMillis() + " ms");
        }
        catch (UnknownHostException e) {
            throw new TargetException(Outcome.UNREACHABLE, console + ": unknown host " + host);
        }
        catch (SSLException e) {
            throw new TargetException(Outcome.UNREACHABLE, console + ": TLS handshake with " + host + ":" + console.port() + " failed: " + oneLine(e));
        }
        catch (IOException e) {
            throw new TargetException(Outcome.UNREACHABLE, console + ": cannot connect to " + host + ":" + console.port() + ": " + oneLine(e));
        }
        finally {
            try {
                plain.close();
            }
            catch (IOException ignored) {
                // closed either way
            }
        }
    }

    private static String oneLine(Exception e)
    {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    private static SSLContext readOnlyContext()
    {
        TrustManager acceptAny = new X509TrustManager()
        {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers()
            {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAny}, null);
            return context;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
