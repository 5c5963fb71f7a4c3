package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.http.Json;
import io.netcron.job.Deadline;
import io.netcron.target.TargetException;

import java.net.URI;
import java.util.Map;

import static io.netcron.jobs.hardware.DeviceHttp.text;
import static java.util.Objects.requireNonNull;

/**
 * HPE iLO (and other BMCs) through DMTF Redfish: {@code /redfish/v1/Systems/1} ({@code Model},
 * {@code SerialNumber}, {@code Manufacturer}, {@code BiosVersion}, {@code HostName}) and
 * {@code /redfish/v1/Managers/1} ({@code FirmwareVersion}). A session by default
 * ({@code POST /redfish/v1/SessionService/Sessions} → {@code X-Auth-Token}, the session deleted
 * afterwards at its {@code Location}); {@code auth: basic} in the {@code netcron} context uses basic auth.
 */
final class RedfishIlo
        implements FactsReader
{
    private final DeviceHttp http;

    RedfishIlo(DeviceHttp http)
    {
        this.http = requireNonNull(http, "http is null");
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        DeviceHttp.Login login = DeviceHttp.login(target, http.credential(target));
        boolean basic = target.option("auth").filter("basic"::equalsIgnoreCase).isPresent();
        Session session = basic ? new Session("Authorization", DeviceHttp.basic(login), null) : open(target, login, deadline);
        try {
            JsonNode system = get(target, "/redfish/v1/Systems/1", session, deadline);
            JsonNode manager = get(target, "/redfish/v1/Managers/1", session, deadline);
            if (text(system, "SerialNumber").isEmpty() && text(system, "Model").isEmpty()) {
                throw DeviceHttp.malformed(target, "Redfish Systems/1 has neither Model nor SerialNumber");
            }
            String hostname = text(system, "HostName");
            return HardwareFacts.builder()
                    .hostname(hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname)
                    .fqdn(hostname)
                    .vendor(text(system, "Manufacturer"))
                    .model(text(system, "Model"))
                    .serialNumber(text(system, "SerialNumber"))
                    .osVersion(text(manager, "FirmwareVersion"))
                    .extra("bios_version", text(system, "BiosVersion"))
                    .extra("sku", text(system, "SKU"))
                    .extra("power_state", text(system, "PowerState"))
                    .extra("manager_model", text(manager, "Model"))
                    .build();
        }
        finally {
            if (session.location() != null) {
                close(target, session, deadline);
            }
        }
    }

    private Session open(HwTarget target, DeviceHttp.Login login, Deadline deadline)
            throws TargetException
    {
        byte[] body = Json.write(Map.of("UserName", login.username(), "Password", login.password()));
        HttpCall call = http.call(target, "POST", "/redfish/v1/SessionService/Sessions", body).withHeader("Content-Type", "application/json");
        HttpAnswer answer = http.sendLogin(call, target.credentialName(), deadline);
        String token = answer.header("X-Auth-Token").orElseThrow(() -> DeviceHttp.malformed(target, "Redfish session answer has no X-Auth-Token"));
        String location = answer.header("Location").orElse("");
        return new Session("X-Auth-Token", token, location);
    }

    private void close(HwTarget target, Session session, Deadline deadline)
    {
        if (session.location().isEmpty()) {
            return;
        }
        try {
            URI location = URI.create(session.location());
            String path = location.isAbsolute() ? location.getRawPath() : session.location();
            http.exchange(http.call(target, "DELETE", path, null).withHeader(session.header(), session.value()), deadline);
        }
        catch (TargetException | IllegalArgumentException e) {
            // the BMC expires idle sessions itself
        }
    }

    private JsonNode get(HwTarget target, String path, Session session, Deadline deadline)
            throws TargetException
    {
        HttpCall call = http.call(target, "GET", path, null).withHeader(session.header(), session.value());
        return http.json(call, deadline);
    }

    private record Session(String header, String value, String location)
    {
        @Override
        public String toString()
        {
            return "Session[" + header + "]";
        }
    }
}
