package io.netcron.dns;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one query got. A timeout or an unreachable server is a result, not an exception, so a
 * monitor can count and report it like any answer.
 *
 * @param transport the transport of the final exchange (TCP after a truncated UDP answer was retried)
 * @param rcode {@link DnsRcode#NONE} unless {@code status} is ANSWERED
 * @param truncated the UDP answer had the TC bit set (then retried over TCP with UDP_THEN_TCP)
 * @param latency from sending the first query to the final answer or failure
 * @param error one line on why there is no answer; empty when ANSWERED
 */
public record DnsResult(
        DnsServer server,
        String name,
        String type,
        DnsTransport transport,
        DnsStatus status,
        DnsRcode rcode,
        List<DnsAnswer> answers,
        boolean truncated,
        boolean authoritative,
        Duration latency,
        String error)
{
    public DnsResult
    {
        requireNonNull(server, "server is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(status, "status is null");
        requireNonNull(rcode, "rcode is null");
        answers = List.copyOf(requireNonNull(answers, "answers is null"));
        requireNonNull(latency, "latency is null");
        requireNonNull(error, "error is null");
    }

    static DnsResult failed(DnsServer server, String name, String type, DnsTransport transport, DnsStatus status, Duration latency, String error)
    {
        return new DnsResult(server, name, type, transport, status, DnsRcode.NONE, List.of(), false, false, latency, error);
    }

    /** Answered with NOERROR (possibly with no records: NODATA). */
    public boolean ok()
    {
        return status == DnsStatus.ANSWERED && rcode == DnsRcode.NOERROR;
    }

    /** The answers' data ({@code 192.0.2.1}, {@code "some text"}), in the order the server gave them. */
    public List<String> data()
    {
        return answers.stream().map(DnsAnswer::data).toList();
    }
}
