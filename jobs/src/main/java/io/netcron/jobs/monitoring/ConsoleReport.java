package io.netcron.jobs.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What one console check found so far; filled step by step, so a failed check still reports what it saw. */
final class ConsoleReport
{
    private final Console console;
    private String status = "unknown";
    private Duration latency;
    private Instant certificateNotAfter;
    private Long certificateDaysLeft;
    private String certificateSubject;
    private RedfishHealth health;
    private String firmware;
    private final List<String> warnings = new ArrayList<>();
    private String error;

    ConsoleReport(Console console)
    {
        this.console = requireNonNull(console, "console is null");
    }

    Console console()
    {
        return console;
    }

    synchronized void handshake(TlsProbe.Handshake handshake, Instant now, int warningDays)
    {
        latency = handshake.latency();
        certificateNotAfter = handshake.notAfter();
        certificateSubject = handshake.subject();
        // whole days left, rounded down: 0 means "expires within a day", negative means expired
        certificateDaysLeft = Math.floorDiv(Duration.between(now, handshake.notAfter()).toSeconds(), 86_400L);
        if (certificateDaysLeft < 0) {
            warnings.add("certificate expired on " + handshake.notAfter());
        }
        else if (certificateDaysLeft < warningDays) {
            warnings.add("certificate expires in " + certificateDaysLeft + " days (" + handshake.notAfter() + "), below " + warningDays);
        }
    }

    synchronized void health(RedfishHealth value)
    {
        health = value;
        if (severity() >= 1) {
            warnings.add("Redfish health " + value.health().orElse("?") + ", rollup " + value.rollup().orElse("?")
                    + value.aggregate().map(worst -> ", HPE aggregate " + worst).orElse(""));
        }
    }

    synchronized void firmware(String value)
    {
        firmware = value;
    }

    synchronized void warn(String warning)
    {
        warnings.add(warning);
    }

    synchronized void failed(String outcome, String reason)
    {
        status = outcome;
        error = reason;
    }

    /** After a successful check: critical, warning or ok from health and certificate. */
    synchronized void conclude()
    {
        boolean expired = certificateDaysLeft != null && certificateDaysLeft < 0;
        double severity = severity();
        status = severity >= 2 || expired ? "critical" : !warnings.isEmpty() ? "warning" : "ok";
    }

    synchronized String status()
    {
        return status;
    }

    synchronized boolean reachable()
    {
        return latency != null;
    }

    synchronized Optional<Duration> latency()
    {
        return Optional.ofNullable(latency);
    }

    synchronized Optional<Long> certificateDaysLeft()
    {
        return Optional.ofNullable(certificateDaysLeft);
    }

    synchronized Optional<RedfishHealth> health()
    {
        return Optional.ofNullable(health);
    }

    synchronized Optional<String> firmware()
    {
        return Optional.ofNullable(firmware);
    }

    /** Worst of health, rollup and HPE's aggregate: 0 OK, 1 Warning, 2 Critical, -1 unknown. */
    private double severity()
    {
        if (health == null) {
            return -1;
        }
        double worst = -1;
        for (Optional<String> value : List.of(health.health(), health.rollup(), health.aggregate())) {
            double severity = RedfishHealth.severity(value);
            if (!Double.isNaN(severity)) {
                worst = Math.max(worst, severity);
            }
        }
        return worst;
    }

    /** The row in the run's result, the report event and the log. */
    synchronized Map<String, Object> row()
    {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("console", console.name());
        row.put("host", console.host().orElse(null));
        row.put("port", console.port());
        row.put("status", status);
        row.put("reachable", latency != null);
        row.put("latency_ms", latency == null ? null : latency.toNanos() / 1000 / 1000.0);
        row.put("health", health == null ? null : health.health().orElse(null));
        row.put("health_rollup", health == null ? null : health.rollup().orElse(null));
        row.put("aggregate_health", health == null ? null : health.aggregate().orElse(null));
        row.put("components", health == null ? Map.of() : health.components());
        row.put("certificate_not_after", certificateNotAfter == null ? null : certificateNotAfter.toString());
        row.put("certificate_days_left", certificateDaysLeft);
        row.put("certificate_subject", certificateSubject);
        row.put("firmware", firmware);
        row.put("warnings", List.copyOf(warnings));
        if (error != null) {
            row.put("error", error);
        }
        return row;
    }
}
