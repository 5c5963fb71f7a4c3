package io.netcron.server.testing;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative DNS responder on 127.0.0.1 (UDP): A records from the map, SERVFAIL for
 * {@code servfail.example.}, NXDOMAIN for any other name. Counts the queries it answered.
 */
public final class DnsResponder
        implements AutoCloseable
{
    private final DatagramSocket socket;
    private final Map<String, String> records;
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    public DnsResponder(Map<String, String> records)
            throws IOException
    {
        this.records = Map.copyOf(records);
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofVirtual().name("dns-responder").start(this::serve);
    }

    /** {@code 127.0.0.1:<port>} as the monitors take a server. */
    public String address()
    {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public int queries()
    {
        return queries.get();
    }

    private void serve()
    {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] wire = answer(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                queries.incrementAndGet();
            }
            catch (IOException e) {
                // closed, or a malformed query: nothing to answer
            }
        }
    }

    private byte[] answer(byte[] wire)
            throws IOException
    {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        String name = question.getName().toString();
        String address = records.get(name);
        if (name.equals("servfail.example.")) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        }
        else if (address == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        else if (question.getType() == Type.A) {
            response.addRecord(new ARecord(question.getName(), DClass.IN, 300, InetAddress.getByName(address)), Section.ANSWER);
        }
        return response.toWire();
    }

    @Override
    public void close()
    {
        socket.close();
        thread.interrupt();
    }
}
