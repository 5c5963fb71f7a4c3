package io.netcron.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.http.Json;
import io.netcron.http.SharedHttpClient;
import io.netcron.http.Sleeper;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.apache.hc.core5.net.URIBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * NetBox's REST API ({@code /api/...}, NetBox 3.x and 4.x). Lists follow {@code next} page by page
 * (always on the configured host: a {@code next} naming another host or scheme, as a proxy can
 * produce, is taken for its path and query only, so the token never leaves for elsewhere). Writes
 * send only changed fields; bulk writes use NetBox's list bodies on the collection endpoint.
 */
public final class NetBoxClient
        implements Ipam
{
    private static final Logger log = LoggerFactory.getLogger(NetBoxClient.class);

    private final SharedHttpClient http;
    private final Credentials credentials;
    private final NetBoxSettings settings;
    private final Sleeper sleeper;
    private final URI apiRoot;
    private final String target;

    public NetBoxClient(SharedHttpClient http, Credentials credentials, NetBoxSettings settings)
    {
        this(http, credentials, settings, Sleeper.REAL);
    }

    NetBoxClient(SharedHttpClient http, Credentials credentials, NetBoxSettings settings, Sleeper sleeper)
    {
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.apiRoot = settings.apiRoot();
        this.target = HttpCall.defaultTarget(apiRoot);
    }

    @Override
    public List<Device> devices(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        // NetBox renders config context for every listed device unless told not to: costly, so opt-in
        IpamFilter query = filter.configContext() ? filter : filter.and("exclude", "config_context");
        return list(IpamObject.DEVICES, query, NetBoxJson::device, deadline);
    }

    @Override
    public Device device(long id, Deadline deadline)
            throws TargetException
    {
        URI uri = apiRoot.resolve(IpamObject.DEVICES.path() + id + "/");
        return NetBoxJson.device(json(send("GET", uri, null, "device " + id, deadline), uri));
    }

    @Override
    public List<Interface> interfaces(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        return list(IpamObject.INTERFACES, filter, NetBoxJson::iface, deadline);
    }

    @Override
    public List<IpAddress> ipAddresses(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        return list(IpamObject.IP_ADDRESSES, filter, NetBoxJson::ipAddress, deadline);
    }

    @Override
    public List<Prefix> prefixes(IpamFilter filter, Deadline deadline)
            throws TargetException
    {
        return list(IpamObject.PREFIXES, filter, NetBoxJson::prefix, deadline);
    }

    @Override
    public List<Platform> platforms(Deadline deadline)
            throws TargetException
    {
        return list(IpamObject.PLATFORMS, IpamFilter.all(), NetBoxJson::platform, deadline);
    }

    @Override
    public List<DeviceType> deviceTypes(Deadline deadline)
            throws TargetException
    {
        return list(IpamObject.DEVICE_TYPES, IpamFilter.all(), NetBoxJson::deviceType, deadline);
    }

    @Override
    public List<CustomField> customFields(Deadline deadline)
            throws TargetException
    {
        return list(IpamObject.CUSTOM_FIELDS, IpamFilter.all(), NetBoxJson::customField, deadline);
    }

    @Override
    public Map<String, Object> update(IpamObject type, long id, Map<String, ?> current, Map<String, ?> wanted, Deadline deadline)
            throws TargetException
    {
        Map<String, Object> changed = Changes.diff(current, wanted);
        if (!changed.isEmpty()) {
            send("PATCH", apiRoot.resolve(type.path() + id + "/"), Json.write(changed), type.noun() + " " + id, deadline);
        }
        return changed;
    }

    @Override
    public void updateAll(IpamObject type, List<? extends Map<String, ?>> changes, Deadline deadline)
            throws TargetException
    {
        if (changes.isEmpty()) {
            return;
        }
        for (Map<String, ?> change : changes) {
            if (!(change.get("id") instanceof Number)) {
                throw new IllegalArgumentException("each bulk update needs the object's numeric id: " + change.keySet());
            }
        }
        send("PATCH", apiRoot.resolve(type.path()), Json.write(changes), type.noun() + " objects " + ids(changes), deadline);
    }

    @Override
    public JsonNode create(IpamObject type, Map<String, ?> fields, Deadline deadline)
            throws TargetException
    {
        URI uri = apiRoot.resolve(type.path());
        return json(send("POST", uri, Json.write(fields), type.path() + " endpoint", deadline), uri);
    }

    @Override
    public List<JsonNode> createAll(IpamObject type, List<? extends Map<String, ?>> objects, Deadline deadline)
            throws TargetException
    {
        if (objects.isEmpty()) {
            return List.of();
        }
        URI uri = apiRoot.resolve(type.path());
        JsonNode created = json(send("POST", uri, Json.write(objects), type.path() + " endpoint", deadline), uri);
        if (!created.isArray()) {
            throw new TargetException(Outcome.PARSE_ERROR, target + ": expected a list of created objects from POST " + uri.getRawPath());
        }
        List<JsonNode> result = new ArrayList<>();
        created.forEach(result::add);
        return result;
    }

    private <T> List<T> list(IpamObject type, IpamFilter filter, Function<JsonNode, T> mapper, Deadline deadline)
            throws TargetException
    {
        URI uri = listUri(type, filter);
        List<T> all = new ArrayList<>();
        while (uri != null) {
            JsonNode page = json(send("GET", uri, null, "API endpoint " + type.path(), deadline), uri);
            JsonNode results = page.path("results");
            if (!results.isArray()) {
                throw new TargetException(Outcome.PARSE_ERROR, target + ": GET " + uri.getRawPath() + " did not answer a NetBox list (count/next/results)");
            }
            results.forEach(node -> all.add(mapper.apply(node)));
            JsonNode next = page.path("next");
            uri = next.isTextual() && !next.asText().isBlank() && !results.isEmpty() ? sameHost(next.asText()) : null;
        }
        return all;
    }

    private URI listUri(IpamObject type, IpamFilter filter)
    {
        try {
            URIBuilder builder = new URIBuilder(apiRoot.resolve(type.path()));
            builder.addParameter("limit", Integer.toString(settings.pageSize()));
            filter.parameters().forEach((name, values) -> values.forEach(value -> builder.addParameter(name, value)));
            return builder.build();
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot build a NetBox URL from the filter: " + e.getMessage(), e);
        }
    }

    private URI sameHost(String next)
            throws TargetException
    {
        try {
            URI given = new URI(next);
            return new URI(apiRoot.getScheme() + "://" + apiRoot.getRawAuthority() + given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery()));
        }
        catch (URISyntaxException e) {
            throw new TargetException(Outcome.PARSE_ERROR, target + ": NetBox's next-page link is not a URL: " + e.getMessage());
        }
    }

    private JsonNode json(HttpAnswer answer, URI uri)
            throws TargetException
    {
        return Json.tree(target, uri.getRawPath(), answer.body());
    }

    /** One request, retried on 429 and 5xx within the attempt limit and the deadline; returns a 2xx answer. */
    private HttpAnswer send(String method, URI uri, byte[] body, String what, Deadline deadline)
            throws TargetException
    {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", settings.tokenScheme().header(token()));
        headers.put("Accept", "application/json");
        HttpCall call = new HttpCall(target, method, uri, headers, Optional.ofNullable(body), settings.trust(), Optional.of(settings.timeout()));
        String request = method + " " + uri.getRawPath();
        for (int attempt = 1; ; attempt++) {
            HttpAnswer answer = http.exchange(call, deadline);
            if (answer.ok()) {
                return answer;
            }
            int status = answer.status();
            // a refused (429) or unavailable (503) request was not carried out; other 5xx only retried when repeating is harmless
            boolean retryable = status == 429 || status == 503 || (status >= 500 && !method.equals("POST"));
            Duration wait = answer.retryAfter().orElse(settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 16)));
            wait = wait.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : wait;
            if (!retryable || attempt >= settings.maxAttempts() || wait.compareTo(deadline.remaining()) >= 0) {
                TargetException error = NetBoxErrors.of(call, request, what, settings.credential(), answer);
                if (attempt > 1) {
                    return failAfter(error, attempt);
                }
                throw error;
            }
            log.info("NetBox {} answered {} to {}; attempt {} of {} in {} ms", target, status, request, attempt + 1, settings.maxAttempts(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException(Outcome.FAILED, target + ": interrupted while waiting to retry " + request);
            }
        }
    }

    private static HttpAnswer failAfter(TargetException error, int attempts)
            throws TargetException
    {
        throw new TargetException(error.outcome(), error.getMessage() + " (after " + attempts + " attempts)");
    }

    private String token()
            throws TargetException
    {
        try {
            return credentials.get(settings.credential()).token().reveal();
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.AUTH_FAILED, target + ": " + e.getMessage());
        }
    }

    private static String ids(List<? extends Map<String, ?>> changes)
    {
        List<String> ids = changes.stream().map(change -> String.valueOf(change.get("id"))).limit(10).toList();
        return String.join(", ", ids) + (changes.size() > 10 ? ", ..." : "");
    }

    @Override
    public String toString()
    {
        return "NetBoxClient[" + apiRoot + " credential=" + settings.credential() + " trust=" + settings.trust().describe() + "]";
    }
}
