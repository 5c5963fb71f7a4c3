package io.netcron.ipam;

import java.util.Map;
import java.util.Optional;

/** An IP address with its prefix length ({@code 192.0.2.1/24}); assigned to an interface when {@code assignedObjectType} says so. */
public record IpAddress(long id, String address, Optional<String> vrf, String status, String dnsName, String description,
        Optional<String> assignedObjectType, Optional<Long> assignedObjectId, Map<String, Object> customFields)
{
    public IpAddress
    {
        customFields = Changes.unmodifiable(customFields);
    }
}
