package io.netcron.metrics;

import java.util.Map;

/** {@link JobMetrics} that records nothing: for runs without a metrics endpoint. */
enum NoJobMetrics
        implements JobMetrics
{
    INSTANCE;

    @Override
    public void gauge(String name, Map<String, String> tags, double value) {}

    @Override
    public void count(String name, Map<String, String> tags, double amount) {}

    @Override
    public String toString()
    {
        return "JobMetrics[none]";
    }
}
