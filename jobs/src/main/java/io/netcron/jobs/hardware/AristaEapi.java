package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.http.HttpCall;
import io.netcron.http.Json;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.List;
import java.util.Map;

import static io.netcron.jobs.hardware.DeviceHttp.text;
import static java.util.Objects.requireNonNull;

/**
 * Arista EOS eAPI: one JSON-RPC {@code runCmds} call ({@code POST /command-api}, basic auth) with
 * {@code show version} ({@code modelName}, {@code serialNumber}, {@code version},
 * {@code bootupTimestamp}, {@code uptime}, {@code systemMacAddress}, {@code hardwareRevision}) and
 * {@code show hostname} ({@code hostname}, {@code fqdn}).
 */
final class AristaEapi
        implements FactsReader
{
    private final DeviceHttp http;

    AristaEapi(DeviceHttp http)
    {
        this.http = requireNonNull(http, "http is null");
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        DeviceHttp.Login login = DeviceHttp.login(target, http.credential(target));
        byte[] request = Json.write(Map.of(
                "jsonrpc", "2.0",
                "method", "runCmds",
                "params", Map.of("version", 1, "cmds", List.of("show version", "show hostname"), "format", "json"),
                "id", "netcron-hwinfo"));
        HttpCall call = http.call(target, "POST", "/command-api", request)
                .withHeader("Authorization", DeviceHttp.basic(login))
                .withHeader("Content-Type", "application/json");
        JsonNode answer = http.json(call, deadline);
        if (answer.has("error")) {
            JsonNode error = answer.path("error");
            throw new TargetException(Outcome.FAILED, target.name() + ": eAPI error " + text(error, "code") + ": " + text(error, "message"));
        }
        JsonNode result = answer.path("result");
        if (!result.isArray() || result.size() < 2 || !result.get(0).isObject()) {
            throw DeviceHttp.malformed(target, "eAPI answer has no result for show version and show hostname");
        }
        JsonNode version = result.get(0);
        JsonNode hostname = result.get(1);
        if (text(version, "serialNumber").isEmpty() && text(version, "modelName").isEmpty()) {
            throw DeviceHttp.malformed(target, "eAPI show version has neither modelName nor serialNumber");
        }
        HardwareFacts.Builder facts = HardwareFacts.builder()
                .hostname(text(hostname, "hostname"))
                .fqdn(text(hostname, "fqdn"))
                .vendor("Arista")
                .model(text(version, "modelName"))
                .serialNumber(text(version, "serialNumber"))
                .osVersion(text(version, "version"))
                .extra("system_mac", text(version, "systemMacAddress"))
                .extra("hardware_revision", text(version, "hardwareRevision"))
                .extra("architecture", text(version, "architecture"));
        if (version.path("uptime").isNumber()) {
            facts.uptimeSeconds(version.path("uptime").asLong());
        }
        else if (version.path("bootupTimestamp").isNumber()) {
            facts.uptimeSeconds(Math.max(0, System.currentTimeMillis() / 1000 - version.path("bootupTimestamp").asLong()));
        }
        return facts.build();
    }
}
