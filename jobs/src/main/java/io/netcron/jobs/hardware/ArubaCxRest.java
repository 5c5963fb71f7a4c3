package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.net.URLEncoder;
import java.time.Instant;
import java.util.List;

import static io.netcron.jobs.hardware.DeviceHttp.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Aruba AOS-CX REST ({@code /rest/v10.xx}, default {@code v10.04}; {@code api_version} in the
 * device's {@code netcron} context): {@code POST login} (form user/password) gives a session
 * cookie; {@code GET system?attributes=platform_name,hostname,software_version,boot_time} and
 * {@code GET system/subsystems/chassis,1?attributes=product_info} (serial); {@code POST logout}
 * always, also after an error, because AOS-CX allows only a few sessions per user.
 */
final class ArubaCxRest
        implements FactsReader
{
    static final String DEFAULT_API_VERSION = "v10.04";

    private final DeviceHttp http;

    ArubaCxRest(DeviceHttp http)
    {
        this.http = requireNonNull(http, "http is null");
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        DeviceHttp.Login login = DeviceHttp.login(target, http.credential(target));
        String root = "/rest/" + target.option("api_version").orElse(DEFAULT_API_VERSION) + "/";
        String cookie = login(target, root, login, target.credentialName(), deadline);
        try {
            JsonNode system = http.json(get(target, root + "system?attributes=platform_name,hostname,software_version,boot_time", cookie), deadline);
            JsonNode chassis = http.json(get(target, root + "system/subsystems/chassis,1?attributes=product_info", cookie), deadline);
            JsonNode product = chassis.path("product_info");
            if (!system.isObject() || (text(system, "platform_name").isEmpty() && text(product, "serial_number").isEmpty())) {
                throw DeviceHttp.malformed(target, "AOS-CX system has neither platform_name nor a chassis serial_number");
            }
            HardwareFacts.Builder facts = HardwareFacts.builder()
                    .hostname(text(system, "hostname"))
                    .fqdn(text(system, "hostname"))
                    .vendor("Aruba")
                    .model(text(product, "product_name").isEmpty() ? text(system, "platform_name") : text(product, "product_name"))
                    .serialNumber(text(product, "serial_number"))
                    .osVersion(text(system, "software_version"))
                    .extra("platform_name", text(system, "platform_name"))
                    .extra("part_number", text(product, "part_number"))
                    .extra("base_mac", text(product, "base_mac_address"));
            if (system.path("boot_time").isNumber()) {
                facts.uptimeSeconds(Math.max(0, Instant.now().getEpochSecond() - system.path("boot_time").asLong()));
            }
            return facts.build();
        }
        finally {
            logout(target, root, cookie, deadline);
        }
    }

    private String login(HwTarget target, String root, DeviceHttp.Login login, String credentialName, Deadline deadline)
            throws TargetException
    {
        byte[] form = ("username=" + URLEncoder.encode(login.username(), UTF_8) + "&password=" + URLEncoder.encode(login.password(), UTF_8)).getBytes(UTF_8);
        HttpCall call = http.call(target, "POST", root + "login", form).withHeader("Content-Type", "application/x-www-form-urlencoded");
        HttpAnswer answer = http.sendLogin(call, credentialName, deadline);
        List<String> cookies = answer.headers().getOrDefault("set-cookie", List.of());
        return cookies.stream().map(value -> value.split(";", 2)[0].strip()).filter(value -> value.contains("="))
                .reduce((a, b) -> a + "; " + b)
                .orElseThrow(() -> new TargetException(Outcome.PARSE_ERROR, target.name() + ": AOS-CX login answered without a session cookie"));
    }

    private void logout(HwTarget target, String root, String cookie, Deadline deadline)
    {
        try {
            http.exchange(http.call(target, "POST", root + "logout", new byte[0]).withHeader("Cookie", cookie), deadline.isNone() || !deadline.expired() ? deadline : Deadline.after(java.time.Duration.ofSeconds(2)));
        }
        catch (TargetException e) {
            // the session times out on the switch; the refresh's own outcome is what counts
        }
    }

    private HttpCall get(HwTarget target, String pathAndQuery, String cookie)
    {
        return http.call(target, "GET", pathAndQuery, null).withHeader("Cookie", cookie);
    }
}
