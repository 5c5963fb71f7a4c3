package io.netcron.bench;

import io.netcron.server.testing.NodeProcess;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A contender's node processes by name: what both sides do with them alike. */
final class ContenderNodes
{
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();

    void add(String name, NodeProcess node)
    {
        nodes.put(name, node);
    }

    NodeProcess get(String name)
    {
        return nodes.get(name);
    }

    List<NodeProcess> all()
    {
        return List.copyOf(nodes.values());
    }

    /** SIGTERM to each and wait for it to exit. */
    void stopAll()
    {
        nodes.values().forEach(node -> node.stop(Duration.ofSeconds(60)));
        nodes.clear();
    }

    Map<String, Long> pids()
    {
        Map<String, Long> pids = new LinkedHashMap<>();
        nodes.forEach((name, node) -> pids.put(name, node.pid()));
        return pids;
    }

    void closeAll()
    {
        nodes.values().forEach(NodeProcess::close);
    }
}
