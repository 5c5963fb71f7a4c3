package io.netcron.jobs.monitoring;

import io.netcron.dns.DnsServer;

/** Name servers as operators write them: {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code [2001:db8::53]:53}, {@code 2001:db8::53}. */
final class DnsServers
{
    private DnsServers() {}

    static DnsServer parse(String text)
    {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty DNS server");
        }
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("DNS server '" + value + "': missing ']'");
            }
            String host = value.substring(1, close);
            String rest = value.substring(close + 1);
            return rest.isEmpty() ? DnsServer.of(host) : new DnsServer(host, port(value, rest.startsWith(":") ? rest.substring(1) : rest));
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            return new DnsServer(value.substring(0, colon), port(value, value.substring(colon + 1)));
        }
        return DnsServer.of(value); // a name, IPv4, or a bare IPv6 address
    }

    private static int port(String server, String text)
    {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("DNS server '" + server + "': port '" + text + "' is not a number");
        }
    }
}
