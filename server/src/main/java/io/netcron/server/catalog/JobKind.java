package io.netcron.server.catalog;

import java.util.Locale;

public enum JobKind
{
    JAVA,
    SCRIPT;

    public String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
