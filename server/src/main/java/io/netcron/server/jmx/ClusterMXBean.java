package io.netcron.server.jmx;

/** {@code io.netcron:type=Cluster}: every node in {@code netcron.node}, read from the database. */
public interface ClusterMXBean
{
    NodeInfo[] getNodes();

    /** Nodes with a recent check-in that are not stopped. */
    String[] getAliveNodes();

    int getAliveNodeCount();
}
