package io.netcron.jobs.hardware;

import io.netcron.http.TlsTrust;
import io.netcron.ipam.Device;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One device to refresh: how to reach it (address, port, scheme, TLS trust), which stored credential
 * logs in, its platform slug (which chooses the parser), the NetBox device to write back to (absent
 * for an inventory-file host NetBox does not know) and free per-device options ({@code panorama_serial} ...).
 */
public record HwTarget(
        String name,
        String platform,
        String host,
        int port,
        String scheme,
        TlsTrust trust,
        String credentialName,
        Optional<Device> device,
        Map<String, Object> options)
{
    public HwTarget
    {
        requireNonNull(name, "name is null");
        platform = platform == null ? "" : platform;
        requireNonNull(host, "host is null");
        requireNonNull(scheme, "scheme is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(credentialName, "credentialName is null");
        requireNonNull(device, "device is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ": port must be within 1..65535, got " + port);
        }
    }

    /** {@code scheme://host:port} + {@code pathAndQuery} (IPv6 literals bracketed). */
    public URI uri(String pathAndQuery)
    {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + literal + ":" + port + pathAndQuery);
    }

    public Optional<String> option(String key)
    {
        Object value = options.get(key);
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    public HwTarget withDevice(Device netboxDevice)
    {
        return new HwTarget(name, platform, host, port, scheme, trust, credentialName, Optional.of(netboxDevice), options);
    }

    @Override
    public String toString()
    {
        return "HwTarget[" + name + " " + platform + " " + scheme + "://" + host + ":" + port + "]";
    }
}
