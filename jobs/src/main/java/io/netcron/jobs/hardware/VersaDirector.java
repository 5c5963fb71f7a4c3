package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpCall;
import io.netcron.http.SharedHttpClient;
import io.netcron.http.TlsTrust;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.netcron.jobs.hardware.DeviceHttp.text;
import static java.util.Objects.requireNonNull;

/**
 * Versa: the Director answers for all its appliances. {@link #prepare} pages through
 * {@code GET /vnms/appliance/appliance?offset=&limit=} ({@code versanms.ApplianceStatusResult}:
 * {@code totalCount}, {@code appliances[]} with {@code name}, {@code ipAddress}, {@code ping-status},
 * {@code softwareVersion} and a {@code Hardware} block: {@code serialNo}, {@code model},
 * {@code manufacturer}, ...); each device is then matched by name. A Director failure becomes
 * every device's outcome. Basic auth with the credential {@code hwinfo-versa}.
 */
final class VersaDirector
        implements FactsReader
{
    static final int PAGE = 250;
    static final int MAX_PAGES = 10_000;

    private final SharedHttpClient http;
    private final Credentials credentials;
    private final URI director;
    private final TlsTrust trust;
    private final String credentialName;
    private final Map<String, JsonNode> appliances = new HashMap<>();
    private TargetException failure;

    VersaDirector(SharedHttpClient http, Credentials credentials, URI director, TlsTrust trust, String credentialName)
    {
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.director = requireNonNull(director, "director is null");
        this.trust = requireNonNull(trust, "trust is null");
        this.credentialName = requireNonNull(credentialName, "credentialName is null");
    }

    @Override
    public void prepare(List<HwTarget> targets, Deadline deadline)
    {
        try {
            load(deadline);
        }
        catch (TargetException e) {
            failure = e;
        }
    }

    private void load(Deadline deadline)
            throws TargetException
    {
        String authorization;
        try {
            Credential credential = credentials.get(credentialName);
            authorization = DeviceHttp.basic(new DeviceHttp.Login(credential.username(), credential.password().reveal()));
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.FAILED, "Versa Director: " + e.getMessage());
        }
        String target = "Versa Director " + HttpCall.defaultTarget(director);
        int total = Integer.MAX_VALUE;
        // advance by what came back: a Director may cap the page below the limit asked for
        for (int page = 0, offset = 0; offset < total && page < MAX_PAGES; page++) {
            URI uri = director.resolve("/vnms/appliance/appliance?offset=" + offset + "&limit=" + PAGE);
            HttpCall call = new HttpCall(target, "GET", uri, Map.of("Authorization", authorization), Optional.empty(), trust, Optional.empty());
            JsonNode result = http.json(call, deadline).path("versanms.ApplianceStatusResult");
            JsonNode list = result.path("appliances");
            if (!result.isObject() || !list.isArray()) {
                throw new TargetException(Outcome.PARSE_ERROR, target + ": answer has no versanms.ApplianceStatusResult.appliances");
            }
            total = result.path("totalCount").isNumber() ? result.path("totalCount").asInt() : offset + list.size();
            for (JsonNode appliance : list) {
                appliances.put(text(appliance, "name"), appliance);
            }
            if (list.isEmpty()) {
                break;
            }
            offset += list.size();
        }
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        if (failure != null) {
            throw new TargetException(failure.outcome(), target.name() + ": " + failure.getMessage());
        }
        JsonNode appliance = appliances.get(target.name());
        if (appliance == null) {
            throw new TargetException(Outcome.FAILED, target.name() + ": not an appliance of the Versa Director");
        }
        JsonNode hardware = appliance.path("Hardware");
        if (!hardware.isObject() || (text(hardware, "serialNo").isEmpty() && text(hardware, "model").isEmpty())) {
            throw DeviceHttp.malformed(target, "the Director reports no Hardware serialNo/model for it");
        }
        String version = text(appliance, "softwareVersion");
        return HardwareFacts.builder()
                .hostname(text(appliance, "name"))
                .fqdn(text(appliance, "name"))
                .vendor(text(hardware, "manufacturer").isEmpty() ? "Versa Networks" : text(hardware, "manufacturer"))
                .model(text(hardware, "model"))
                .serialNumber(text(hardware, "serialNo"))
                .osVersion(version.isEmpty() ? text(hardware, "packageName") : version)
                .extra("ip_address", text(appliance, "ipAddress"))
                .extra("ping_status", text(appliance, "ping-status"))
                .extra("sync_status", text(appliance, "sync-status"))
                .extra("firmware_version", text(hardware, "firmwareVersion"))
                .extra("sku", text(hardware, "sku"))
                .build();
    }
}
