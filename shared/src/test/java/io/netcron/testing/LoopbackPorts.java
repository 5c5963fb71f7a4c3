package io.netcron.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for tests. */
public final class LoopbackPorts
{
    private LoopbackPorts() {}

    /** A TCP port nobody listens on (bound once, then closed): a connection is refused. */
    public static int closed()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
