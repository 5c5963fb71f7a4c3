package io.netcron.dns;

/** Whether the server answered at all; what it answered is in {@link DnsResult#rcode()}. */
public enum DnsStatus
{
    /** A response came back (with any rcode: NXDOMAIN and REFUSED are answers too). */
    ANSWERED,
    /** No response within the timeout (or the run's deadline). */
    TIMEOUT,
    /** The server's host said no: ICMP port unreachable on UDP, connection refused on TCP, no route. */
    UNREACHABLE,
    /** Something else went wrong: a malformed or mismatched response, an unknown server host. */
    ERROR,
}
