package io.netcron.server.jmx;

import javax.management.ConstructorParameters;

import java.util.Date;

/** One member of the cluster as {@code io.netcron:type=Cluster} shows it (an open CompositeData). */
public final class NodeInfo
{
    private final String nodeId;
    private final String host;
    private final String state;
    private final Date lastSeen;
    private final Integer clockOffsetMillis;
    private final boolean alive;

    @ConstructorParameters({"nodeId", "host", "state", "lastSeen", "clockOffsetMillis", "alive"})
    public NodeInfo(String nodeId, String host, String state, Date lastSeen, Integer clockOffsetMillis, boolean alive)
    {
        this.nodeId = nodeId;
        this.host = host;
        this.state = state;
        this.lastSeen = lastSeen;
        this.clockOffsetMillis = clockOffsetMillis;
        this.alive = alive;
    }

    public String getNodeId()
    {
        return nodeId;
    }

    public String getHost()
    {
        return host;
    }

    public String getState()
    {
        return state;
    }

    /** The node's last check-in (heartbeat). */
    public Date getLastSeen()
    {
        return lastSeen;
    }

    public Integer getClockOffsetMillis()
    {
        return clockOffsetMillis;
    }

    public boolean isAlive()
    {
        return alive;
    }
}
