package io.netcron.ipam;

/** The object collections the client reads and writes, with their NetBox API paths. */
public enum IpamObject
{
    DEVICES("dcim/devices/", "device"),
    INTERFACES("dcim/interfaces/", "interface"),
    IP_ADDRESSES("ipam/ip-addresses/", "IP address"),
    PREFIXES("ipam/prefixes/", "prefix"),
    PLATFORMS("dcim/platforms/", "platform"),
    DEVICE_TYPES("dcim/device-types/", "device type"),
    CUSTOM_FIELDS("extras/custom-fields/", "custom field");

    private final String path;
    private final String noun;

    IpamObject(String path, String noun)
    {
        this.path = path;
        this.noun = noun;
    }

    /** Relative to the API root ({@code https://netbox/api/}), with NetBox's trailing slash. */
    public String path()
    {
        return path;
    }

    /** "device", "IP address": for messages. */
    public String noun()
    {
        return noun;
    }
}
