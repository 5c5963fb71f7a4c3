package io.netcron.dns;

import io.netcron.job.Deadline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsClientTest
{
    private static LoopbackDnsServer responder;
    private final DnsClient client = new DnsClient(Duration.ofMillis(300));

    @BeforeAll
    static void start()
            throws IOException
    {
        responder = new LoopbackDnsServer();
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        responder.close();
    }

    @Test
    void answersAnARecordOverUdpWithItsTtl()
    {
        DnsResult result = client.query(responder.server(), "host.example", "A", DnsTransport.UDP, Deadline.none());

        assertThat(result.status()).isEqualTo(DnsStatus.ANSWERED);
        assertThat(result.rcode()).isEqualTo(DnsRcode.NOERROR);
        assertThat(result.ok()).isTrue();
        assertThat(result.transport()).isEqualTo(DnsTransport.UDP);
        assertThat(result.answers()).containsExactly(new DnsAnswer("host.example.", "A", 300, "192.0.2.10"));
        assertThat(result.authoritative()).isTrue();
        assertThat(result.latency()).isPositive();
    }

    @Test
    void answersAaaaOverTcp()
    {
        DnsResult result = client.query(responder.server(), "host.example.", "aaaa", DnsTransport.TCP, Deadline.none());

        assertThat(result.transport()).isEqualTo(DnsTransport.TCP);
        assertThat(result.type()).isEqualTo("AAAA");
        assertThat(result.data()).containsExactly("2001:db8::10");
    }

    @Test
    void answersTxtAsText()
    {
        DnsResult result = client.query(responder.server(), "host.example", "TXT", Deadline.none());

        assertThat(result.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.data()).isEqualTo("\"v=spf1 -all\"");
            assertThat(answer.ttl()).isEqualTo(120);
        });
    }

    @Test
    void unknownNameIsNxdomain()
    {
        DnsResult result = client.query(responder.server(), "nothing.example", "A", Deadline.none());

        assertThat(result.status()).isEqualTo(DnsStatus.ANSWERED);
        assertThat(result.rcode()).isEqualTo(DnsRcode.NXDOMAIN);
        assertThat(result.ok()).isFalse();
        assertThat(result.answers()).isEmpty();
    }

    @Test
    void servfailIsKeptApart()
    {
        assertThat(client.query(responder.server(), "servfail.example", "A", Deadline.none()).rcode()).isEqualTo(DnsRcode.SERVFAIL);
    }

    @Test
    void refusedIsKeptApart()
    {
        assertThat(client.query(responder.server(), "refused.example", "A", DnsTransport.TCP, Deadline.none()).rcode()).isEqualTo(DnsRcode.REFUSED);
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutResult()
    {
        DnsResult result = client.query(responder.server(), "silent.example", "A", DnsTransport.UDP, Deadline.none());

        assertThat(result.status()).isEqualTo(DnsStatus.TIMEOUT);
        assertThat(result.rcode()).isEqualTo(DnsRcode.NONE);
        assertThat(result.error()).contains("300 ms");
        assertThat(result.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theDeadlineCapsTheTimeout()
    {
        DnsClient patient = new DnsClient(Duration.ofSeconds(30));

        DnsResult result = patient.query(responder.server(), "silent.example", "A", DnsTransport.TCP, Deadline.after(Duration.ofMillis(200)));

        assertThat(result.status()).isEqualTo(DnsStatus.TIMEOUT);
        assertThat(result.latency()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void truncatedUdpAnswerIsReportedWhenNotRetried()
    {
        DnsResult result = client.query(responder.server(), "big.example", "TXT", DnsTransport.UDP, Deadline.none());

        assertThat(result.status()).isEqualTo(DnsStatus.ANSWERED);
        assertThat(result.truncated()).isTrue();
        assertThat(result.transport()).isEqualTo(DnsTransport.UDP);
        assertThat(result.answers()).isEmpty();
    }

    @Test
    void truncatedUdpAnswerIsAskedAgainOverTcp()
    {
        int tcpBefore = responder.tcpQueries();

        DnsResult result = client.query(responder.server(), "big.example", "TXT", DnsTransport.UDP_THEN_TCP, Deadline.none());

        assertThat(result.truncated()).isTrue();
        assertThat(result.transport()).isEqualTo(DnsTransport.TCP);
        assertThat(result.answers()).hasSize(20);
        assertThat(responder.tcpQueries()).isEqualTo(tcpBefore + 1);
    }

    @Test
    void closedTcpPortIsUnreachable()
            throws IOException
    {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, LoopbackDnsServer.LOOPBACK)) {
            closed = socket.getLocalPort();
        }

        DnsResult result = client.query(new DnsServer("127.0.0.1", closed), "host.example", "A", DnsTransport.TCP, Deadline.none());

        assertThat(result.status()).isEqualTo(DnsStatus.UNREACHABLE);
        assertThat(result.error()).isEqualTo("connection refused");
    }

    @Test
    void closedUdpPortIsUnreachableByIcmp()
            throws IOException
    {
        int closed;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LoopbackDnsServer.LOOPBACK, 0))) {
            closed = socket.getLocalPort();
        }

        DnsResult result = client.query(new DnsServer("127.0.0.1", closed), "host.example", "A", DnsTransport.UDP, Deadline.none());

        // Linux answers a datagram to a closed loopback port with ICMP port unreachable, not rate-limited on loopback.
        assertThat(result.status()).isEqualTo(DnsStatus.UNREACHABLE);
        assertThat(result.error()).isEqualTo("port unreachable");
    }

    @Test
    void ipv6AnswersAreWrittenInTheirShortForm()
            throws Exception
    {
        assertThat(DnsClient.ipv6Text(java.net.InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress())).isEqualTo("2001:db8::1:0:0:1");
        assertThat(DnsClient.ipv6Text(java.net.InetAddress.getByName("::1").getAddress())).isEqualTo("::1");
        assertThat(DnsClient.ipv6Text(java.net.InetAddress.getByName("fe80::").getAddress())).isEqualTo("fe80::");
        assertThat(DnsClient.ipv6Text(java.net.InetAddress.getByName("2001:db8:1:2:3:4:0:5").getAddress())).isEqualTo("2001:db8:1:2:3:4:0:5");
    }

    @Test
    void unknownRecordTypeIsACallerError()
    {
        assertThatThrownBy(() -> client.query(responder.server(), "host.example", "NOPE", Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown DNS record type 'NOPE'");
    }
}
