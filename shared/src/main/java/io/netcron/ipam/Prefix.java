package io.netcron.ipam;

import java.util.Map;
import java.util.Optional;

/** A prefix ({@code 192.0.2.0/24}) with its VRF name and status value. */
public record Prefix(long id, String prefix, Optional<String> vrf, String status, String description, Map<String, Object> customFields)
{
    public Prefix
    {
        customFields = Changes.unmodifiable(customFields);
    }
}
