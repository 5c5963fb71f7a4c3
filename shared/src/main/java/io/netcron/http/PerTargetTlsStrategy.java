package io.netcron.http;

import io.netcron.target.TargetException;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.net.Socket;

import static java.util.Objects.requireNonNull;

/** Upgrades a pooled connection to TLS with the trust its call named (the context carries it). */
final class PerTargetTlsStrategy
        implements TlsSocketStrategy
{
    private final TlsContexts contexts;

    PerTargetTlsStrategy(TlsContexts contexts)
    {
        this.contexts = requireNonNull(contexts, "contexts is null");
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException
    {
        Object trust = context == null ? null : context.getAttribute(SharedHttpClient.TRUST_ATTRIBUTE);
        TlsTrust tlsTrust = trust instanceof TlsTrust given ? given : TlsTrust.systemCas();
        try {
            return contexts.strategy(tlsTrust, target + ":" + port).upgrade(socket, target, port, attachment, context);
        }
        catch (TargetException e) {
            throw new SSLException(e.getMessage(), e);
        }
    }
}
