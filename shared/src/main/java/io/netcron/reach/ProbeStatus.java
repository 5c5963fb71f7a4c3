package io.netcron.reach;

/** What one probe found. */
public enum ProbeStatus
{
    /** TCP: the port accepted the connection. ICMP: an echo reply (or the JDK's TCP-7 fallback answered). */
    REACHABLE,
    /** TCP: the host refused the connection (it is up, the port is closed). */
    REFUSED,
    /** No answer within the timeout. */
    TIMEOUT,
    /** The network said no: no route to host, network unreachable. */
    UNREACHABLE,
    /** Not probed: the deadline had passed (or the run was cancelled) before its turn. */
    SKIPPED,
    /** Something else went wrong locally. */
    ERROR,
}
