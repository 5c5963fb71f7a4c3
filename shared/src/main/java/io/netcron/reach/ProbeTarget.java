package io.netcron.reach;

import java.net.InetAddress;

import static java.util.Objects.requireNonNull;

/** One address to probe, and how. */
public record ProbeTarget(InetAddress address, ProbeMethod method, int port)
{
    public ProbeTarget
    {
        requireNonNull(address, "address is null");
        requireNonNull(method, "method is null");
        if (method == ProbeMethod.TCP && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("TCP port must be between 1 and 65535, got " + port);
        }
        if (method == ProbeMethod.ICMP && port != 0) {
            throw new IllegalArgumentException("ICMP has no port, got " + port);
        }
    }

    public static ProbeTarget tcp(InetAddress address, int port)
    {
        return new ProbeTarget(address, ProbeMethod.TCP, port);
    }

    public static ProbeTarget icmp(InetAddress address)
    {
        return new ProbeTarget(address, ProbeMethod.ICMP, 0);
    }

    @Override
    public String toString()
    {
        return method == ProbeMethod.TCP ? address.getHostAddress() + ":" + port + "/tcp" : address.getHostAddress() + "/icmp";
    }
}
