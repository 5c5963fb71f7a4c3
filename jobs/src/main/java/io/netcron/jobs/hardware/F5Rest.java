package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.http.HttpCall;
import io.netcron.http.Json;
import io.netcron.job.Deadline;
import io.netcron.target.TargetException;

import java.net.URLEncoder;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import static io.netcron.jobs.hardware.DeviceHttp.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * F5 BIG-IP iControl REST: {@code /mgmt/tm/sys/hardware} (nested stats: {@code bigipChassisSerialNum},
 * {@code marketingName}, {@code platform}), {@code /mgmt/tm/sys/version} ({@code Version},
 * {@code Build}, {@code Product}) and {@code /mgmt/tm/sys/global-settings} ({@code hostname}).
 * Token auth by default ({@code POST /mgmt/shared/authn/login} → {@code X-F5-Auth-Token}, deleted
 * afterwards); {@code auth: basic} in the device's {@code netcron} context uses basic auth.
 */
final class F5Rest
        implements FactsReader
{
    private final DeviceHttp http;

    F5Rest(DeviceHttp http)
    {
        this.http = requireNonNull(http, "http is null");
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        DeviceHttp.Login login = DeviceHttp.login(target, http.credential(target));
        boolean basic = target.option("auth").filter("basic"::equalsIgnoreCase).isPresent();
        Map.Entry<String, String> auth = basic ? Map.entry("Authorization", DeviceHttp.basic(login)) : Map.entry("X-F5-Auth-Token", token(target, login, deadline));
        try {
            JsonNode hardware = get(target, "/mgmt/tm/sys/hardware", auth, deadline);
            JsonNode version = get(target, "/mgmt/tm/sys/version", auth, deadline);
            JsonNode settings = get(target, "/mgmt/tm/sys/global-settings", auth, deadline);
            String serial = stat(hardware, "bigipChassisSerialNum").orElse("");
            String marketing = stat(hardware, "marketingName").orElse("");
            if (serial.isEmpty() && marketing.isEmpty()) {
                throw DeviceHttp.malformed(target, "iControl sys/hardware has neither bigipChassisSerialNum nor marketingName");
            }
            String hostname = text(settings, "hostname");
            return HardwareFacts.builder()
                    .hostname(hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname)
                    .fqdn(hostname)
                    .vendor("F5")
                    .model(marketing)
                    .serialNumber(serial)
                    .osVersion(stat(version, "Version").orElse(""))
                    .extra("platform", stat(hardware, "platform").orElse(""))
                    .extra("build", stat(version, "Build").orElse(""))
                    .extra("product", stat(version, "Product").orElse(""))
                    .extra("base_mac", stat(hardware, "baseMac").orElse(""))
                    .build();
        }
        finally {
            if (!basic) {
                logout(target, auth.getValue(), deadline);
            }
        }
    }

    private String token(HwTarget target, DeviceHttp.Login login, Deadline deadline)
            throws TargetException
    {
        byte[] body = Json.write(Map.of("username", login.username(), "password", login.password(), "loginProviderName", "tmos"));
        HttpCall call = http.call(target, "POST", "/mgmt/shared/authn/login", body).withHeader("Content-Type", "application/json");
        JsonNode answer = DeviceHttp.json(call, http.sendLogin(call, target.credentialName(), deadline));
        String token = text(answer.path("token"), "token");
        if (token.isEmpty()) {
            throw DeviceHttp.malformed(target, "iControl login answer has no token.token");
        }
        return token;
    }

    private void logout(HwTarget target, String token, Deadline deadline)
    {
        try {
            HttpCall call = http.call(target, "DELETE", "/mgmt/shared/authz/tokens/" + URLEncoder.encode(token, UTF_8), null)
                    .withHeader("X-F5-Auth-Token", token);
            http.exchange(call, deadline);
        }
        catch (TargetException e) {
            // the token expires by itself (20 minutes): a failed delete costs nothing but is not worth a failure
        }
    }

    private JsonNode get(HwTarget target, String path, Map.Entry<String, String> auth, Deadline deadline)
            throws TargetException
    {
        return http.json(http.call(target, "GET", path, null).withHeader(auth.getKey(), auth.getValue()), deadline);
    }

    /** The first {@code "<name>": {"description"|"value": ...}} anywhere in iControl's nested stats. */
    static Optional<String> stat(JsonNode node, String name)
    {
        if (node == null || !node.isContainerNode()) {
            return Optional.empty();
        }
        JsonNode direct = node.get(name);
        if (direct != null && direct.isObject()) {
            String value = text(direct, "description");
            if (value.isEmpty()) {
                value = text(direct, "value");
            }
            if (!value.isEmpty()) {
                return Optional.of(value);
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            Optional<String> found = stat(it.next(), name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
