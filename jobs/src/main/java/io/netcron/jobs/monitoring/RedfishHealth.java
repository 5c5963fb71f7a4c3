package io.netcron.jobs.monitoring;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Health from a Redfish ComputerSystem ({@code /redfish/v1/Systems/1}): {@code Status.Health},
 * {@code Status.HealthRollup}, and HPE's {@code Oem.Hpe.AggregateHealthStatus} (iLO 5 and later;
 * {@code Oem.Hp} on iLO 4) whose components each carry {@code Status.Health}. Values are Redfish's
 * {@code OK}, {@code Warning}, {@code Critical}.
 */
record RedfishHealth(Optional<String> health, Optional<String> rollup, Map<String, String> components)
{
    static RedfishHealth of(JsonNode system)
    {
        JsonNode status = system.path("Status");
        JsonNode oem = system.path("Oem");
        JsonNode aggregate = oem.path("Hpe").path("AggregateHealthStatus");
        if (aggregate.isMissingNode()) {
            aggregate = oem.path("Hp").path("AggregateHealthStatus");
        }
        Map<String, String> components = new LinkedHashMap<>();
        aggregate.properties().forEach(entry -> {
            JsonNode health = entry.getValue().path("Status").path("Health");
            if (health.isTextual()) {
                components.put(entry.getKey(), health.asText());
            }
        });
        return new RedfishHealth(text(status.path("Health")), text(status.path("HealthRollup")), Map.copyOf(components));
    }

    /** The worst component health HPE reports; empty when the system has no aggregate health. */
    Optional<String> aggregate()
    {
        return components.values().stream().max(Comparator.comparingDouble(RedfishHealth::severityForOrder));
    }

    /** 0 OK, 1 Warning, 2 Critical; NaN for anything else (absent, unknown). */
    static double severity(Optional<String> health)
    {
        return health.map(RedfishHealth::severityOf).orElse(Double.NaN);
    }

    private static double severityOf(String health)
    {
        return switch (health) {
            case "OK" -> 0;
            case "Warning" -> 1;
            case "Critical" -> 2;
            default -> Double.NaN;
        };
    }

    private static double severityForOrder(String health)
    {
        double severity = severityOf(health);
        return Double.isNaN(severity) ? -1 : severity;
    }

    private static Optional<String> text(JsonNode node)
    {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
