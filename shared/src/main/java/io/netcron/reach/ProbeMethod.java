package io.netcron.reach;

/** How an address is probed. */
public enum ProbeMethod
{
    /** A TCP connection to a port (opened and closed at once; nothing is sent). */
    TCP,
    /**
     * {@code InetAddress.isReachable}: on Linux, OpenJDK sends an ICMP echo request over a raw
     * socket when the process may open one (root, or {@code CAP_NET_RAW}); otherwise it tries a TCP
     * connection to port 7 (echo), where an answer or a refusal both count as reachable.
     *
     * @see java.net.InetAddress#isReachable(int)
     */
    ICMP,
}
