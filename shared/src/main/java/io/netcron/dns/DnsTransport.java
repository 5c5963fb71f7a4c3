package io.netcron.dns;

/** How a query travels. */
public enum DnsTransport
{
    /** UDP only: a truncated answer is reported as it is ({@link DnsResult#truncated()}). */
    UDP,
    /** TCP only. */
    TCP,
    /** UDP, asked again over TCP when the UDP answer comes back truncated (what resolvers do). */
    UDP_THEN_TCP,
}
