package io.netcron.ssh;

import java.util.Locale;

/** What to do with the host key of a server seen for the first time. A changed key is always refused. */
public enum KnownHostsPolicy
{
    /** Trust on first use: pin the first key seen (logged), refuse any other later. */
    TOFU,
    /** Refuse unknown hosts; their key is recorded as pending until an operator accepts it. */
    STRICT;

    public static KnownHostsPolicy fromName(String name)
    {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
