package io.netcron.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The node's one meter registry. It is made before the injector (like the connection pool, which
 * reports its statistics into it) and handed to {@link MetricsModule}.
 */
public final class MetricsRegistries
{
    public static final String NODE_TAG = "node";

    private MetricsRegistries() {}

    public static PrometheusMeterRegistry create(String nodeId)
    {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(NODE_TAG, nodeId);
        return registry;
    }
}
