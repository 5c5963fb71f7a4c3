package io.netcron.jobs.monitoring;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One out-of-band console: its name (the NetBox device, or the host as given) and where to reach it; no host when NetBox has no address. */
record Console(String name, Optional<String> host, int port)
{
    Console
    {
        requireNonNull(name, "name is null");
        requireNonNull(host, "host is null");
    }

    /** {@code ilo1.example.net}, {@code 192.0.2.5:8443}, {@code [2001:db8::5]:443}; a bad port is left for the check to report. */
    static Console parse(String text, int defaultPort)
    {
        String value = text.trim();
        if (value.startsWith("[") && value.contains("]")) {
            int close = value.indexOf(']');
            String rest = value.substring(close + 1);
            return new Console(value, Optional.of(value.substring(1, close)), rest.startsWith(":") ? port(rest.substring(1)) : defaultPort);
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            return new Console(value, Optional.of(value.substring(0, colon)), port(value.substring(colon + 1)));
        }
        return new Console(value, value.isEmpty() ? Optional.empty() : Optional.of(value), defaultPort);
    }

    private static int port(String text)
    {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? port : -1;
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString()
    {
        return name;
    }
}
