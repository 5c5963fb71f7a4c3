package io.netcron.server.catalog;

import java.util.List;

/** Job classes whose declarations are wrong; the node refuses to start with a list of them. */
public final class JobDiscoveryException
        extends RuntimeException
{
    public JobDiscoveryException(List<String> problems)
    {
        super("Job declarations with errors:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
    }
}
