package io.netcron.jobs.hardware;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a device says about itself, one shape for every platform (NAPALM's {@code get_facts}):
 * empty strings for what the platform does not report, platform extras (hardware revision, system
 * MAC, BIOS version, ...) in {@code extras}.
 */
public record HardwareFacts(
        String hostname,
        String fqdn,
        String vendor,
        String model,
        String serialNumber,
        String osVersion,
        OptionalLong uptimeSeconds,
        Map<String, String> extras)
{
    public HardwareFacts
    {
        hostname = clean(hostname);
        fqdn = clean(fqdn);
        vendor = clean(vendor);
        model = clean(model);
        serialNumber = clean(serialNumber);
        osVersion = clean(osVersion);
        uptimeSeconds = uptimeSeconds == null ? OptionalLong.empty() : uptimeSeconds;
        Map<String, String> copy = new LinkedHashMap<>();
        if (extras != null) {
            extras.forEach((key, value) -> {
                if (key != null && value != null && !value.isBlank()) {
                    copy.put(key, value.strip());
                }
            });
        }
        extras = Collections.unmodifiableMap(copy);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public Optional<String> serial()
    {
        return serialNumber.isEmpty() ? Optional.empty() : Optional.of(serialNumber);
    }

    public Optional<String> version()
    {
        return osVersion.isEmpty() ? Optional.empty() : Optional.of(osVersion);
    }

    /** True when the device said nothing a refresh could use. */
    public boolean isEmpty()
    {
        return serialNumber.isEmpty() && model.isEmpty() && osVersion.isEmpty();
    }

    /** The NAPALM-shaped map (snake_case keys), for results and logs. */
    public Map<String, Object> asMap()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hostname", hostname);
        map.put("fqdn", fqdn);
        map.put("vendor", vendor);
        map.put("model", model);
        map.put("serial_number", serialNumber);
        map.put("os_version", osVersion);
        map.put("uptime_seconds", uptimeSeconds.isPresent() ? uptimeSeconds.getAsLong() : null);
        map.put("extras", extras);
        return map;
    }

    private static String clean(String value)
    {
        return value == null ? "" : value.strip();
    }

    public static final class Builder
    {
        private String hostname;
        private String fqdn;
        private String vendor;
        private String model;
        private String serialNumber;
        private String osVersion;
        private OptionalLong uptimeSeconds = OptionalLong.empty();
        private final Map<String, String> extras = new LinkedHashMap<>();

        public Builder hostname(String value)
        {
            hostname = value;
            return this;
        }

        public Builder fqdn(String value)
        {
            fqdn = value;
            return this;
        }

        public Builder vendor(String value)
        {
            vendor = value;
            return this;
        }

        public Builder model(String value)
        {
            model = value;
            return this;
        }

        public Builder serialNumber(String value)
        {
            serialNumber = value;
            return this;
        }

        public Builder osVersion(String value)
        {
            osVersion = value;
            return this;
        }

        public Builder uptimeSeconds(OptionalLong value)
        {
            uptimeSeconds = value;
            return this;
        }

        public Builder uptimeSeconds(long value)
        {
            uptimeSeconds = value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
            return this;
        }

        public Builder extra(String key, String value)
        {
            if (value != null) {
                extras.put(key, value);
            }
            return this;
        }

        public HardwareFacts build()
        {
            return new HardwareFacts(hostname, fqdn, vendor, model, serialNumber, osVersion, uptimeSeconds, extras);
        }
    }
}
