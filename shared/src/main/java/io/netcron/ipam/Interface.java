package io.netcron.ipam;

import java.util.Map;
import java.util.Optional;

/** A device interface: type and mode by value ({@code 1000base-t}), MAC in upper case as NetBox gives it. */
public record Interface(long id, long deviceId, String device, String name, String type, boolean enabled, Optional<Integer> mtu,
        Optional<String> macAddress, String description, Map<String, Object> customFields)
{
    public Interface
    {
        customFields = Changes.unmodifiable(customFields);
    }
}
