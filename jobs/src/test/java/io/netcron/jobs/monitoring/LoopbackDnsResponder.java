package io.netcron.jobs.monitoring;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative responder on 127.0.0.1 (UDP and TCP on one port), built with dnsjava's
 * messages, as the shared module's DNS client test has one: {@code host.example.} A 192.0.2.10 and
 * AAAA 2001:db8::10, {@code moved.example.} A 192.0.2.99 (a "wrong" answer for tests that expect
 * 192.0.2.10), SERVFAIL for {@code servfail.example.}, REFUSED for {@code refused.example.}, silence
 * for {@code silent.example.}, NXDOMAIN for anything else.
 */
final class LoopbackDnsResponder
        implements AutoCloseable
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final AtomicInteger tcpQueries = new AtomicInteger();

    LoopbackDnsResponder()
            throws IOException
    {
        DatagramSocket datagram = null;
        ServerSocket server = null;
        IOException last = null;
        for (int attempt = 0; attempt < 20 && server == null; attempt++) {
            datagram = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            try {
                server = new ServerSocket();
                server.bind(new InetSocketAddress(LOOPBACK, datagram.getLocalPort()));
            }
            catch (IOException e) {
                datagram.close();
                server = null;
                last = e;
            }
        }
        if (server == null) {
            throw last;
        }
        this.udp = datagram;
        this.tcp = server;
        Thread.ofVirtual().name("test-dns-udp").start(this::serveUdp);
        Thread.ofVirtual().name("test-dns-tcp").start(this::serveTcp);
    }

    /** {@code 127.0.0.1:port}, as the job's params name a server. */
    String address()
    {
        return LOOPBACK.getHostAddress() + ":" + udp.getLocalPort();
    }

    int tcpQueries()
    {
        return tcpQueries.get();
    }

    private void serveUdp()
    {
        byte[] buffer = new byte[512];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Optional<byte[]> answer = answer(Arrays.copyOf(packet.getData(), packet.getLength()));
                if (answer.isPresent()) {
                    udp.send(new DatagramPacket(answer.get(), answer.get().length, packet.getSocketAddress()));
                }
            }
            catch (IOException e) {
                // closed, or a bad packet: keep serving until closed
            }
        }
    }

    private void serveTcp()
    {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                Thread.ofVirtual().start(() -> serveConnection(socket));
            }
            catch (IOException e) {
                // closed
            }
        }
    }

    private void serveConnection(Socket socket)
    {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                tcpQueries.incrementAndGet();
                Optional<byte[]> answer = answer(query);
                if (answer.isPresent()) {
                    out.writeShort(answer.get().length);
                    out.write(answer.get());
                    out.flush();
                }
            }
        }
        catch (IOException e) {
            // client went away
        }
    }

    private static Optional<byte[]> answer(byte[] wire)
            throws IOException
    {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        Name name = question.getName();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        switch (name.toString()) {
            case "silent.example." -> {
                return Optional.empty();
            }
            case "servfail.example." -> response.getHeader().setRcode(Rcode.SERVFAIL);
            case "refused.example." -> response.getHeader().setRcode(Rcode.REFUSED);
            case "moved.example." -> {
                if (question.getType() == Type.A) {
                    response.addRecord(new ARecord(name, DClass.IN, 300, InetAddress.getByName("192.0.2.99")), Section.ANSWER);
                }
            }
            case "host.example." -> {
                if (question.getType() == Type.A) {
                    response.addRecord(new ARecord(name, DClass.IN, 300, InetAddress.getByName("192.0.2.10")), Section.ANSWER);
                }
                else if (question.getType() == Type.AAAA) {
                    response.addRecord(new AAAARecord(name, DClass.IN, 300, InetAddress.getByName("2001:db8::10")), Section.ANSWER);
                }
            }
            default -> response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return Optional.of(response.toWire());
    }

    @Override
    public void close()
    {
        udp.close();
        try {
            tcp.close();
        }
        catch (IOException ignored) {
            // closing anyway
        }
    }
}
