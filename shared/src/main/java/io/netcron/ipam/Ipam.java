package io.netcron.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.Deadline;
import io.netcron.target.TargetException;

import java.util.List;
import java.util.Map;

/**
 * The IPAM as jobs see it: read devices, interfaces, addresses, prefixes and their vocabularies;
 * write back only what changed. NetBox is the implementation today ({@link NetBoxClient}); phpIPAM
 * or Infoblox can follow behind the same interface. Every call takes the run's (or target's)
 * deadline and fails with a {@link TargetException} naming what went wrong, never the token.
 */
public interface Ipam
{
    List<Device> devices(IpamFilter filter, Deadline deadline)
            throws TargetException;

    /** One device with its config context. */
    Device device(long id, Deadline deadline)
            throws TargetException;

    List<Interface> interfaces(IpamFilter filter, Deadline deadline)
            throws TargetException;

    List<IpAddress> ipAddresses(IpamFilter filter, Deadline deadline)
            throws TargetException;

    List<Prefix> prefixes(IpamFilter filter, Deadline deadline)
            throws TargetException;

    List<Platform> platforms(Deadline deadline)
            throws TargetException;

    List<DeviceType> deviceTypes(Deadline deadline)
            throws TargetException;

    List<CustomField> customFields(Deadline deadline)
            throws TargetException;

    /**
     * Writes the fields of {@code wanted} that differ from {@code current} (see {@link Changes#diff});
     * nothing is sent when nothing differs. Returns the fields that were written.
     */
    Map<String, Object> update(IpamObject type, long id, Map<String, ?> current, Map<String, ?> wanted, Deadline deadline)
            throws TargetException;

    /** {@link #update} for a device read before: only changed fields are written. */
    default Map<String, Object> updateDevice(Device device, Map<String, ?> wanted, Deadline deadline)
            throws TargetException
    {
        return update(IpamObject.DEVICES, device.id(), device.writable(), wanted, deadline);
    }

    /** Several partial updates in one request; each map carries the object's {@code id}. All or nothing. */
    void updateAll(IpamObject type, List<? extends Map<String, ?>> changes, Deadline deadline)
            throws TargetException;

    /** Creates one object; returns it as the IPAM answered (with its {@code id}). */
    JsonNode create(IpamObject type, Map<String, ?> fields, Deadline deadline)
            throws TargetException;

    /** Creates several objects in one request, all or nothing; returns them in order. */
    List<JsonNode> createAll(IpamObject type, List<? extends Map<String, ?>> objects, Deadline deadline)
            throws TargetException;

    /** An IPAM whose every call fails with {@code reason}: the node starts, only jobs that use the IPAM fail. */
    /** Why no IPAM can be reached (no {@code ipam.url}), or empty when one is configured. */
    default java.util.Optional<String> notConfigured()
    {
        return java.util.Optional.empty();
    }

    static Ipam unconfigured(String reason)
    {
        return new UnconfiguredIpam(reason);
    }
}
