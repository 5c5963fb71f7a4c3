package io.netcron.jobs.discovery;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A layer-3 interface as a device reports it: its addresses with prefix length
 * ({@code 10.0.10.1/24}, primary first), its VRF (empty: the global table) and admin state.
 */
public record L3Interface(String name, String description, boolean enabled, Optional<String> vrf, List<String> addresses)
{
    public L3Interface
    {
        requireNonNull(name, "name is null");
        description = description == null ? "" : description;
        requireNonNull(vrf, "vrf is null");
        addresses = List.copyOf(addresses);
    }
}
