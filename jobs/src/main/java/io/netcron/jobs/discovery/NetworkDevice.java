package io.netcron.jobs.discovery;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A device a job works on: where to reach it, as what platform, with which credential; its NetBox
 * id when it came from NetBox. {@code host} is empty when NetBox knows no primary address.
 */
public record NetworkDevice(String name, Optional<Long> ipamId, String host, int port, String platformSlug,
        Optional<DevicePlatform> platform, String credential)
{
    public NetworkDevice
    {
        requireNonNull(name, "name is null");
        requireNonNull(ipamId, "ipamId is null");
        requireNonNull(host, "host is null");
        requireNonNull(platformSlug, "platformSlug is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(credential, "credential is null");
    }

    @Override
    public String toString()
    {
        return name;
    }
}
