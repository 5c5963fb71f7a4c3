package io.netcron.reach;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * One probe's outcome.
 *
 * @param port the TCP port, 0 for ICMP
 * @param detail one line on why it was not reachable; empty when it was
 */
public record ProbeResult(String address, ProbeMethod method, int port, ProbeStatus status, Duration latency, String detail)
{
    public ProbeResult
    {
        requireNonNull(address, "address is null");
        requireNonNull(method, "method is null");
        requireNonNull(status, "status is null");
        requireNonNull(latency, "latency is null");
        requireNonNull(detail, "detail is null");
    }

    /** The port answered (TCP) or the host answered (ICMP). */
    public boolean reachable()
    {
        return status == ProbeStatus.REACHABLE;
    }

    /** Something is there: reachable, or a TCP refusal (which only a live host sends). */
    public boolean hostUp()
    {
        return status == ProbeStatus.REACHABLE || status == ProbeStatus.REFUSED;
    }
}
