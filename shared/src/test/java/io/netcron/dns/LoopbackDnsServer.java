package io.netcron.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
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
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small authoritative responder on 127.0.0.1, UDP and TCP on the same random port, built with
 * dnsjava's Message classes: {@code host.example.} A 192.0.2.10, AAAA 2001:db8::10 and TXT,
 * {@code moved.example.} A 192.0.2.99 (a "wrong" answer for tests that expect 192.0.2.10), PTR
 * records a test adds with {@link #ptr}, NXDOMAIN for unknown names, SERVFAIL for
 * {@code servfail.example.}, REFUSED for {@code refused.example.}, silence for {@code silent.example.},
 * and a truncated (TC) UDP answer for {@code big.example.} that TCP answers in full.
 */
public final class LoopbackDnsServer
        implements AutoCloseable
{
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final Map<Name, Name> pointers = new ConcurrentHashMap<>();

    public LoopbackDnsServer()
            throws IOException
    {
        Sockets sockets = bindSamePort();
        this.udp = sockets.udp();
        this.tcp = sockets.tcp();
        Thread.ofVirtual().name("test-dns-udp").start(this::serveUdp);
        Thread.ofVirtual().name("test-dns-tcp").start(this::serveTcp);
    }

    private record Sockets(DatagramSocket udp, ServerSocket tcp) {}

    /** A random UDP port, and TCP on the same number (retried if that TCP port is taken). */
    private static Sockets bindSamePort()
            throws IOException
    {
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            DatagramSocket datagram = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            try {
                ServerSocket server = new ServerSocket();
                server.bind(new InetSocketAddress(LOOPBACK, datagram.getLocalPort()));
                return new Sockets(datagram, server);
            }
            catch (IOException e) {
                datagram.close();
                last = e;
            }
        }
        throw last;
    }

    /** Answers the reverse name of {@code address} with a PTR record to {@code name}. */
    public LoopbackDnsServer ptr(String address, String name)
            throws UnknownHostException, TextParseException
    {
        pointers.put(ReverseMap.fromAddress(InetAddress.getByName(address)), Name.fromString(name));
        return this;
    }

    public DnsServer server()
    {
        return new DnsServer(LOOPBACK.getHostAddress(), udp.getLocalPort());
    }

    public int port()
    {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, as jobs' params name a server. */
    public String address()
    {
        return LOOPBACK.getHostAddress() + ":" + port();
    }

    public int udpQueries()
    {
        return udpQueries.get();
    }

    public int tcpQueries()
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
                udpQueries.incrementAndGet();
                Optional<byte[]> answer = answer(Arrays.copyOf(packet.getData(), packet.getLength()), false);
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
                Optional<byte[]> answer = answer(query, true);
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

    private Optional<byte[]> answer(byte[] wire, boolean overTcp)
            throws IOException
    {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        Name name = question.getName();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        Name pointer = pointers.get(name);
        if (pointer != null) {
            if (question.getType() == Type.PTR) {
                response.addRecord(new PTRRecord(name, DClass.IN, 300, pointer), Section.ANSWER);
            }
            return Optional.of(response.toWire());
        }
        switch (name.toString()) {
            case "silent.example." -> {
                return Optional.empty();
            }
            case "servfail.example." -> response.getHeader().setRcode(Rcode.SERVFAIL);
            case "refused.example." -> response.getHeader().setRcode(Rcode.REFUSED);
            case "big.example." -> {
                if (overTcp) {
                    for (int i = 0; i < 20; i++) {
                        response.addRecord(new TXTRecord(name, DClass.IN, 60, "chunk " + i + " " + "x".repeat(40)), Section.ANSWER);
                    }
                }
                else {
                    response.getHeader().setFlag(Flags.TC);
                }
            }
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
                else if (question.getType() == Type.TXT) {
                    response.addRecord(new TXTRecord(name, DClass.IN, 120, "v=spf1 -all"), Section.ANSWER);
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
