package io.netcron.jobs.reports;

import io.netcron.ipam.Device;
import io.netcron.ipam.IpAddress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The report's device and address findings, as rows: devices missing data, addresses not seen for too long. */
final class IpamFindings
{
    private IpamFindings() {}

    static List<Map<String, Object>> devicesMissing(List<Device> devices, String swVersionField)
    {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Device device : devices) {
            Object version = device.customFields().get(swVersionField);
            boolean missingSerial = device.serial().isBlank();
            boolean missingVersion = version == null || version.toString().isBlank();
            if (!missingSerial && !missingVersion) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("device", device.name());
            row.put("site", device.site().orElse(""));
            row.put("role", device.role().orElse(""));
            row.put("platform", device.platform().orElse(""));
            row.put("status", device.status());
            row.put("serial", device.serial());
            row.put("sw_version", version == null ? "" : version.toString());
            row.put("missing_serial", missingSerial);
            row.put("missing_sw_version", missingVersion);
            rows.add(row);
        }
        rows.sort(Comparator.comparing(row -> row.get("device").toString()));
        return rows;
    }

    record StaleAddresses(List<Map<String, Object>> rows, long stale, long neverSeen, long unreadable) {}

    static StaleAddresses staleAddresses(List<IpAddress> addresses, IpamReportParams params, Instant now)
    {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Map<String, Object>> rows = new ArrayList<>();
        long stale = 0;
        long neverSeen = 0;
        long unreadable = 0;
        for (IpAddress address : addresses) {
            Object value = address.customFields().get(params.lastSeenField());
            String text = value == null ? "" : value.toString().trim();
            Optional<LocalDate> seen = text.isEmpty() ? Optional.empty() : date(text);
            String note;
            Long days = null;
            if (text.isEmpty()) {
                neverSeen++;
                if (!params.includeNeverSeen()) {
                    continue;
                }
                note = "never seen";
            }
            else if (seen.isEmpty()) {
                unreadable++;
                note = "last_seen is not a date";
            }
            else {
                days = ChronoUnit.DAYS.between(seen.get(), today);
                if (days <= params.staleDays()) {
                    continue;
                }
                stale++;
                note = "";
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("address", address.address());
            row.put("vrf", address.vrf().orElse(""));
            row.put("status", address.status());
            row.put("dns_name", address.dnsName());
            row.put("last_seen", text);
            row.put("days_since", days);
            row.put("note", note);
            rows.add(row);
        }
        return new StaleAddresses(rows, stale, neverSeen, unreadable);
    }

    /** A date custom field ({@code 2026-10-01}) or a date-time one ({@code 2026-10-01T08:00:00Z}), in UTC. */
    private static Optional<LocalDate> date(String text)
    {
        try {
            return Optional.of(LocalDate.parse(text));
        }
        catch (DateTimeParseException notADate) {
            try {
                return Optional.of(OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
            }
            catch (DateTimeParseException notADateTime) {
                return Optional.empty();
            }
        }
    }
}
