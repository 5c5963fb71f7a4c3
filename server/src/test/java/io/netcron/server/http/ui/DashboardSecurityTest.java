package io.netcron.server.http.ui;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.net.URLEncoder.encode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard over plain HTTP: what a forged or anonymous action gets, the session cookie's attributes, escaping and headers. */
class DashboardSecurityTest
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "pw-of-the-operator";

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static DashboardNode node;
    private static String operator;

    @TempDir
    static Path dataDirectory;

    @BeforeAll
    static void startNode()
            throws Exception
    {
        node = DashboardNode.start(database, "dash-security-node", dataDirectory, Map.of());
        Sql.execute(database, """
                INSERT INTO netcron.job (name, description, implementation, params) VALUES
                    ('target', 'an <script>alert(1)</script> description', 'sleep', '{"duration_ms": 1}')""");
        operator = node.createRole("csrf", PASSWORD, true);
    }

    @Test
    void anActionWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing()
            throws Exception
    {
        String cookie = logIn();
        HttpResponse<String> missing = post("/ui/action", cookie, Map.of("job", "target", "op", "pause"));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("CSRF token is missing or wrong");
        HttpResponse<String> wrong = post("/ui/action", cookie, Map.of("job", "target", "op", "pause", "csrf", "forged"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'target'")).isEqualTo(true);

        String token = csrf(get("/ui/job?name=target", cookie).body());
        HttpResponse<String> genuine = post("/ui/action", cookie, Map.of("job", "target", "op", "pause", "csrf", token));
        assertThat(genuine.statusCode()).isEqualTo(303);
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'target'")).isEqualTo(false);
        assertThat(Sql.value(database, "SELECT db_user FROM netcron.job_change WHERE job_name = 'target' ORDER BY id DESC LIMIT 1")).isEqualTo(operator);
        post("/ui/action", cookie, Map.of("job", "target", "op", "resume", "csrf", token));
    }

    @Test
    void anActionWithoutALoginIsRefused()
            throws Exception
    {
        HttpResponse<String> anonymous = post("/ui/action", null, Map.of("job", "target", "op", "pause", "csrf", "anything"));
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("Log in first");
        HttpResponse<String> staleCookie = post("/ui/action", Dashboard.COOKIE + "=not-a-session", Map.of("job", "target", "op", "pause"));
        assertThat(staleCookie.statusCode()).isEqualTo(403);
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'target'")).isEqualTo(true);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndSecureBehindATlsProxy()
            throws Exception
    {
        HttpResponse<String> plain = loginResponse(Map.of());
        assertThat(plain.statusCode()).isEqualTo(303);
        assertThat(plain.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith(Dashboard.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/ui").doesNotContain("Secure"));
        HttpResponse<String> proxied = loginResponse(Map.of("X-Forwarded-Proto", "https"));
        assertThat(proxied.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie).contains("; Secure"));
    }

    @Test
    void pagesEscapeWhatTheDatabaseHoldsAndForbidInlineScripts()
            throws Exception
    {
        HttpResponse<String> page = get("/ui/job?name=target", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("an &lt;script&gt;alert(1)&lt;/script&gt; description").doesNotContain("<script>alert");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(get("/ui/job?name=%3Cimg%20src%3Dx%3E", null).body()).contains("&lt;img src=x&gt;").doesNotContain("<img src=x>");
        assertThat(get("/ui/static/app.css", null).statusCode()).isEqualTo(200);
        assertThat(get("/ui/nope", null).statusCode()).isEqualTo(404);
    }

    private static String logIn()
            throws Exception
    {
        HttpResponse<String> response = loginResponse(Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static HttpResponse<String> loginResponse(Map<String, String> headers)
            throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("user", operator, "password", PASSWORD))));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String cookie)
            throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String cookie, Map<String, String> fields)
            throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page)
    {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF field in\n" + page).isTrue();
        return matcher.group(1);
    }

    private static String form(Map<String, String> fields)
    {
        return String.join("&", fields.entrySet().stream().map(field -> encode(field.getKey(), UTF_8) + "=" + encode(field.getValue(), UTF_8)).toList());
    }

    private static URI uri(String path)
    {
        return node.uri(path);
    }
}
