package io.netcron.jobs.discovery;

import static java.util.Objects.requireNonNull;

/**
 * A device given in a job's params instead of NetBox:
 * {@code {"name": "edge1", "host": "192.0.2.1", "port": 22, "platform": "ios", "credential": "edge"}}.
 * {@code port} and {@code credential} are optional (null: the job's defaults).
 */
public record DeviceEntry(String name, String host, Integer port, String platform, String credential)
{
    public DeviceEntry
    {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("devices: host is blank");
        }
        name = name == null || name.isBlank() ? host : name;
        platform = platform == null ? "" : platform;
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("devices: port of " + name + " must be between 1 and 65535, got " + port);
        }
    }
}
