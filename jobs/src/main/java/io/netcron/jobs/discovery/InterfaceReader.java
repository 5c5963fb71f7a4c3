package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.fanout.TargetScope;
import io.netcron.http.HttpCall;
import io.netcron.http.Json;
import io.netcron.http.SharedHttpClient;
import io.netcron.http.TlsTrust;
import io.netcron.ssh.DeviceShell;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshTarget;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads a device's layer-3 interfaces: Arista EOS through eAPI ({@code show ip interface} as
 * JSON), Cisco IOS/IOS-XE, NX-OS and AOS-CX over SSH (the interface sections of the running
 * configuration). Junos is not supported yet.
 */
final class InterfaceReader
{
    static final String IOS_COMMAND = "show running-config | section ^interface";
    static final String NXOS_COMMAND = "show running-config interface";

    private final SshClient ssh;
    private final SharedHttpClient http;
    private final Credentials credentials;
    private final SviImportParams params;

    InterfaceReader(SshClient ssh, SharedHttpClient http, Credentials credentials, SviImportParams params)
    {
        this.ssh = requireNonNull(ssh, "ssh is null");
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.params = requireNonNull(params, "params is null");
    }

    List<L3Interface> read(NetworkDevice device, DevicePlatform platform, TargetScope scope)
            throws TargetException
    {
        return switch (platform) {
            case EOS -> EapiInterfaces.parse(device.name(), eapi(device, "show ip interface", scope));
            case IOS -> CliInterfaceParser.parse(device.name(), cli(device, platform, IOS_COMMAND, true, scope));
            case NXOS -> CliInterfaceParser.parse(device.name(), cli(device, platform, NXOS_COMMAND, false, scope));
            case ARUBA -> CliInterfaceParser.parse(device.name(), cli(device, platform, NXOS_COMMAND, true, scope));
            case JUNOS -> throw new TargetException(Outcome.UNSUPPORTED, device.name() + ": svi-import does not read Junos yet");
        };
    }

    private String cli(NetworkDevice device, DevicePlatform platform, String command, boolean enable, TargetScope scope)
            throws TargetException
    {
        SshTarget target = SshTarget.of(device.host(), device.credential()).withPort(device.port()).withPagingOff(platform.pagingOff());
        try (DeviceShell shell = ssh.openShell(target, scope.deadline());
                var registration = scope.onCancel(shell)) {
            if (enable && !shell.privileged()) {
                shell.enable(scope.deadline());
            }
            return shell.send(command, scope.deadline());
        }
    }

    private JsonNode eapi(NetworkDevice device, String command, TargetScope scope)
            throws TargetException
    {
        Credential login;
        try {
            login = credentials.get(device.credential());
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.AUTH_FAILED, device.name() + ": " + e.getMessage());
        }
        String basic = Base64.getEncoder().encodeToString(
                (login.username() + ":" + login.password().reveal()).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> request = Map.of(
                "jsonrpc", "2.0",
                "method", "runCmds",
                "params", Map.of("version", 1, "cmds", List.of(command), "format", "json"),
                "id", "netcron-svi-import");
        URI uri = URI.create(params.eapiScheme() + "://" + hostForUri(device.host()) + ":" + params.eapiPort() + "/command-api");
        HttpCall call = new HttpCall(device.name(), "POST", uri, Map.of("Authorization", "Basic " + basic, "Content-Type", "application/json"),
                Optional.of(Json.write(request)), trust(), Optional.empty());
        return http.json(call, scope.deadline());
    }

    private TlsTrust trust()
    {
        if (!params.eapiTlsPin().isBlank()) {
            return TlsTrust.pinned(params.eapiTlsPin());
        }
        return params.eapiTlsInsecure() ? TlsTrust.insecure() : TlsTrust.systemCas();
    }

    private static String hostForUri(String host)
    {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
