package io.netcron.jobs.hardware;

import io.netcron.ipam.Changes;
import io.netcron.ipam.Device;
import io.netcron.ipam.IpamObject;
import io.netcron.ipam.Ipam;
import io.netcron.job.Deadline;
import io.netcron.target.TargetException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a refresh writes to a NetBox device: {@code serial}, the software version custom field and
 * — only together with a real change — the refresh-time custom field, so a second run over
 * unchanged devices writes nothing. The model is compared with the device type and never written.
 * Custom fields NetBox does not define for devices (absent from {@code custom_fields}) are left out.
 */
final class WriteBack
{
    private final Ipam ipam;
    private final String swVersionField;
    private final String refreshedAtField;

    WriteBack(Ipam ipam, String swVersionField, String refreshedAtField)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.swVersionField = requireNonNull(swVersionField, "swVersionField is null");
        this.refreshedAtField = requireNonNull(refreshedAtField, "refreshedAtField is null");
    }

    /** The PATCH this device needs (empty when nothing differs). */
    Map<String, Object> plan(Device device, HardwareFacts facts, Instant now)
    {
        Map<String, Object> wanted = new LinkedHashMap<>();
        facts.serial().ifPresent(serial -> wanted.put("serial", serial));
        Map<String, Object> custom = new LinkedHashMap<>();
        if (!swVersionField.isEmpty() && device.customFields().containsKey(swVersionField)) {
            facts.version().ifPresent(version -> custom.put(swVersionField, version));
        }
        if (!custom.isEmpty()) {
            wanted.put("custom_fields", custom);
        }
        Map<String, Object> changed = Changes.diff(device.writable(), wanted);
        if (!changed.isEmpty() && !refreshedAtField.isEmpty() && device.customFields().containsKey(refreshedAtField)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> changedCustom = (Map<String, Object>) changed.computeIfAbsent("custom_fields", key -> new LinkedHashMap<String, Object>());
            changedCustom.put(refreshedAtField, now.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return changed;
    }

    /** Writes the planned fields (nothing when empty); returns what was written. */
    Map<String, Object> apply(Device device, Map<String, Object> patch, Deadline deadline)
            throws TargetException
    {
        if (patch.isEmpty()) {
            return patch;
        }
        return ipam.update(IpamObject.DEVICES, device.id(), device.writable(), patch, deadline);
    }

    /** The device type's model when the device reports another one (case and spacing ignored). */
    static Optional<String> modelMismatch(Device device, HardwareFacts facts)
    {
        if (facts.model().isEmpty() || device.deviceType().isEmpty()) {
            return Optional.empty();
        }
        String expected = device.deviceType().get();
        return normalize(expected).equals(normalize(facts.model())) ? Optional.empty() : Optional.of(expected);
    }

    /** Field names of a PATCH for messages: {@code serial, sw_version, hwinfo_refreshed_at}. */
    static String describe(Map<String, Object> patch)
    {
        StringBuilder names = new StringBuilder();
        patch.forEach((key, value) -> {
            if (value instanceof Map<?, ?> inner) {
                inner.keySet().forEach(name -> names.append(names.isEmpty() ? "" : ", ").append(name));
            }
            else {
                names.append(names.isEmpty() ? "" : ", ").append(key);
            }
        });
        return names.toString();
    }

    private static String normalize(String model)
    {
        return model.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    }
}
