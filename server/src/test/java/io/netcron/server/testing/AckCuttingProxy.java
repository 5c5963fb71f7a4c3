package io.netcron.server.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.Objects.requireNonNull;

/**
 * A TCP proxy in front of PostgreSQL that loses the acknowledgement of one statement: when a
 * client sends a statement containing {@code statement} with a parameter containing {@code marker},
 * the proxy lets the server run and commit it, then drops the server's answer and cuts both
 * connections (so the backend ends too), exactly as a network fault right after the commit would.
 * It reads the PostgreSQL protocol just enough to see the commit: the server's "ReadyForQuery" with
 * transaction status idle after the statement's "CommandComplete". Clients must connect with
 * {@code sslmode=disable&gssEncMode=disable} (clear text to read) and {@code prepareThreshold=0}
 * (the statement's text sent at every execution).
 */
public final class AckCuttingProxy
        implements AutoCloseable
{
    private final ServerSocket listener;
    private final String upstreamHost;
    private final int upstreamPort;
    private final String statement;
    private final String marker;
    private final int maxCuts;
    private final AtomicInteger armed = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public AckCuttingProxy(String upstreamHost, int upstreamPort, String statement, String marker, int maxCuts)
            throws IOException
    {
        this.upstreamHost = requireNonNull(upstreamHost, "upstreamHost is null");
        this.upstreamPort = upstreamPort;
        this.statement = requireNonNull(statement, "statement is null");
        this.marker = requireNonNull(marker, "marker is null");
        this.maxCuts = maxCuts;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("ack-cutting-proxy").start(this::accept);
    }

    public int port()
    {
        return listener.getLocalPort();
    }

    /** Acknowledgements lost so far (each after its statement committed). */
    public int cuts()
    {
        return cuts.get();
    }

    private void accept()
    {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstreamHost, upstreamPort);
                sockets.add(client);
                sockets.add(server);
                Connection connection = new Connection(client, server);
                Thread.ofPlatform().daemon().name("ack-cutting-proxy-up").start(connection::clientToServer);
                Thread.ofPlatform().daemon().name("ack-cutting-proxy-down").start(connection::serverToClient);
            }
            catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("AckCuttingProxy: " + e);
                }
            }
        }
    }

    private final class Connection
    {
        private final Socket client;
        private final Socket server;
        // set by the client side when the statement to cut was sent, read by the server side
        private volatile boolean cutNextCommit;

        private Connection(Socket client, Socket server)
        {
            this.client = client;
            this.server = server;
        }

        void clientToServer()
        {
            // the text sent since the last match, as ISO-8859-1 so that bytes map to chars one to one
            StringBuilder recent = new StringBuilder();
            byte[] buffer = new byte[16384];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    recent.append(new String(buffer, 0, read, ISO_8859_1));
                    int at = recent.indexOf(statement);
                    if (at >= 0 && recent.indexOf(marker, at + statement.length()) >= 0) {
                        if (armed.incrementAndGet() <= maxCuts) {
                            cutNextCommit = true;
                        }
                        recent.setLength(0);
                    }
                    else if (recent.length() > 65536) {
                        recent.delete(0, recent.length() - statement.length() - marker.length() - 8192);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException e) {
                // closed by either side or by the cut
            }
            finally {
                closeBoth();
            }
        }

        void serverToClient()
        {
            try (DataInputStream in = new DataInputStream(server.getInputStream()); OutputStream out = client.getOutputStream()) {
                List<byte[]> held = new ArrayList<>();
                boolean inserted = false;
                while (true) {
                    byte[] message = readMessage(in);
                    if (!cutNextCommit) {
                        out.write(message);
                        out.flush();
                        continue;
                    }
                    // the statement is on its way: hold the answer until the server says whether it committed
                    held.add(message);
                    char type = (char) message[0];
                    if (type == 'C' && new String(message, 5, message.length - 5, ISO_8859_1).startsWith("INSERT 0 1")) {
                        inserted = true;
                    }
                    else if (type == 'Z') {
                        char status = (char) message[5];
                        if (inserted && status == 'I') {
                            // committed: the answer is lost with the connection
                            cuts.incrementAndGet();
                            closeBoth();
                            return;
                        }
                        if (status != 'T') {
                            // failed or nothing inserted: pass the answer on, nothing to cut
                            cutNextCommit = false;
                            inserted = false;
                            for (byte[] kept : held) {
                                out.write(kept);
                            }
                            out.flush();
                            held.clear();
                        }
                    }
                }
            }
            catch (IOException e) {
                // closed by either side or by the cut
            }
            finally {
                closeBoth();
            }
        }

        private void closeBoth()
        {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    // a backend message: type byte, then a length that counts itself and the body
    private static byte[] readMessage(DataInputStream in)
            throws IOException
    {
        int type = in.read();
        if (type < 0) {
            throw new EOFException();
        }
        int length = in.readInt();
        byte[] message = new byte[1 + length];
        message[0] = (byte) type;
        message[1] = (byte) (length >>> 24);
        message[2] = (byte) (length >>> 16);
        message[3] = (byte) (length >>> 8);
        message[4] = (byte) length;
        in.readFully(message, 5, length - 4);
        return message;
    }

    private static void closeQuietly(Socket socket)
    {
        try {
            socket.close();
        }
        catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close()
            throws IOException
    {
        listener.close();
        sockets.forEach(AckCuttingProxy::closeQuietly);
        acceptor.interrupt();
    }
}
