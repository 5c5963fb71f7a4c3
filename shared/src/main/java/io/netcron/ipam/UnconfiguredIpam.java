package io.netcron.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Stands in when no IPAM is configured: injecting it works, using it fails with the reason. */
final class UnconfiguredIpam
        implements Ipam
{
    private final String reason;

    UnconfiguredIpam(String reason)
    {
        this.reason = requireNonNull(reason, "reason is null");
    }

    @Override
    public java.util.Optional<String> notConfigured()
    {
        return java.util.Optional.of(reason);
    }

    private <T> T fail()
            throws TargetException
    {
        throw new TargetException(Outcome.FAILED, reason);
    }

    @Override
    public List<Device> devices(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public Device device(long id, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public List<Interface> interfaces(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public List<IpAddress> ipAddresses(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public List<Prefix> prefixes(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public List<Platform> platforms(Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public List<DeviceType> deviceTypes(Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public List<CustomField> customFields(Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public Map<String, Object> update(IpamObject type, long id, Map<String, ?> current, Map<String, ?> wanted, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public void updateAll(IpamObject type, List<? extends Map<String, ?>> changes, Deadline deadline)
            throws TargetException
    {
        fail();
    }

    @Override
    public JsonNode create(IpamObject type, Map<String, ?> fields, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public List<JsonNode> createAll(IpamObject type, List<? extends Map<String, ?>> objects, Deadline deadline)
            throws TargetException
    {
        return fail();
    }

    @Override
    public String toString()
    {
        return "Ipam[unconfigured: " + reason + "]";
    }
}
