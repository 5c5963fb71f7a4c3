package io.netcron.jobs.discovery;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An authoritative PTR responder over UDP on 127.0.0.1 (dnsjava messages): known reverse names answer, others NXDOMAIN. */
final class LoopbackPtrServer
        implements AutoCloseable
{
    private final DatagramSocket socket;
    private final Map<Name, Name> names = new ConcurrentHashMap<>();

    LoopbackPtrServer()
            throws IOException
    {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("test-ptr").start(this::serve);
    }

    LoopbackPtrServer ptr(String address, String name)
            throws UnknownHostException, TextParseException
    {
        names.put(ReverseMap.fromAddress(InetAddress.getByName(address)), Name.fromString(name));
        return this;
    }

    int port()
    {
        return socket.getLocalPort();
    }

    private void serve()
    {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(question, Section.QUESTION);
                Name target = names.get(question.getName());
                if (target != null && question.getType() == Type.PTR) {
                    answer.addRecord(new PTRRecord(question.getName(), DClass.IN, 300, target), Section.ANSWER);
                }
                else {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            }
            catch (IOException e) {
                // closed, or a malformed query: serve the next one
            }
        }
    }

    @Override
    public void close()
    {
        socket.close();
    }
}
