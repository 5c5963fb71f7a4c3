package io.netcron.server.http.ui;

import com.google.inject.Inject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.control.ControlException;
import io.netcron.server.control.JobControl;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseException;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.http.ui.Html.Flash;
import io.netcron.server.http.ui.JobPages.Preview;
import io.netcron.server.http.ui.OperatorLogin.LoginRefusedException;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.node.DatabaseClusterView;
import io.netcron.server.schedule.InvalidScheduleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The web dashboard under {@code /ui} on the management port: pages anyone who reaches the port
 * can read, and actions (run now, pause, resume, reschedule) for an operator logged in as a
 * PostgreSQL role, each checked against the session's CSRF token and run through
 * {@link JobControl} on a connection as that role. Every response forbids framing, sniffing and
 * inline scripts; every page is server-rendered with escaped values.
 */
public final class Dashboard
{
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    static final String COOKIE = "netcron_session";
    private static final String HTML_TYPE = "text/html; charset=utf-8";
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final DashboardQueries queries;
    private final OperatorLogin login;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    @Inject
    public Dashboard(Database database, DatabaseLocation location, DatabaseConfig databaseConfig, NodeConfig node)
    {
        this(new DashboardQueries(database, new DatabaseClusterView(database, node)),
                new OperatorLogin(location, databaseConfig.connectTimeout()), new Sessions(Clock.systemUTC()), new LoginThrottle(Clock.systemUTC()));
    }

    Dashboard(DashboardQueries queries, OperatorLogin login, Sessions sessions, LoginThrottle throttle)
    {
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.login = requireNonNull(login, "login is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    public void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            Request request = Request.read(exchange);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean read = method.equals("GET") || method.equals("HEAD");
            if (!read && !method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                send(exchange, 405, HTML_TYPE, "method not allowed");
                return;
            }
            Optional<UiSession> session = sessions.find(request.cookie(COOKIE));
            try {
                route(exchange, request, path, read, session);
            }
            catch (RuntimeException e) {
                // a page the database could not answer: say so, instead of a dropped connection
                log.warn("Dashboard request {} failed: {}", path, e.getMessage(), e);
                page(exchange, 500, "Error", "", session, "<h1>Something failed</h1><p class=\"flash bad\">" + Html.escape(e.getMessage()) + "</p>");
            }
        }
    }

    private void route(HttpExchange exchange, Request request, String path, boolean read, Optional<UiSession> session)
            throws IOException
    {
        switch (path) {
            case "/ui", "/ui/" -> redirect(exchange, "/ui/jobs");
            case "/ui/static/app.css" -> asset(exchange, "app.css", "text/css; charset=utf-8");
            case "/ui/static/app.js" -> asset(exchange, "app.js", "text/javascript; charset=utf-8");
            case "/ui/login" -> {
                if (read) {
                    page(exchange, 200, "Log in", "", session, ClusterPages.login("", null));
                }
                else {
                    login(exchange, request);
                }
            }
            case "/ui/logout" -> {
                if (read || session.isEmpty() || !Sessions.csrfMatches(session.get(), request.form("csrf"))) {
                    refuse(exchange, session);
                    return;
                }
                sessions.close(request.cookie(COOKIE));
                exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, "", 0));
                redirect(exchange, "/ui/jobs");
            }
            case "/ui/action" -> {
                if (read || session.isEmpty() || !Sessions.csrfMatches(session.get(), request.form("csrf"))) {
                    refuse(exchange, session);
                    return;
                }
                action(exchange, request, session.get());
            }
            case "/ui/jobs" -> {
                Instant now = queries.now();
                var jobs = queries.jobs();
                page(exchange, 200, "Jobs", "jobs", session, JobPages.jobs(jobs, queries.categories(jobs), request.query("category"), request.query("status"), now));
            }
            case "/ui/job" -> jobPage(exchange, request.query("name"), session, Optional.empty(), 200);
            case "/ui/nodes" -> page(exchange, 200, "Nodes", "nodes", session, ClusterPages.nodes(queries.nodes(), queries.now()));
            case "/ui/deps" -> page(exchange, 200, "Dependencies", "deps", session,
                    "<h1>Dependencies</h1>" + DependencyGraph.svg(queries.allDependencies(), queries.dependencyStatuses()));
            case "/ui/failures" -> page(exchange, 200, "Failures", "failures", session, ClusterPages.failures(queries.failures(), queries.now()));
            default -> page(exchange, 404, "Not found", "", session, "<h1>Not found</h1><p><a href=\"/ui/jobs\">Jobs</a></p>");
        }
    }

    private void jobPage(HttpExchange exchange, String name, Optional<UiSession> session, Optional<Preview> preview, int status)
            throws IOException
    {
        Optional<JobRow> job = queries.job(name);
        if (job.isEmpty()) {
            page(exchange, 404, "Unknown job", "jobs", session, "<h1>Unknown job</h1><p>No job named <code>" + Html.escape(name) + "</code>. <a href=\"/ui/jobs\">All jobs</a></p>");
            return;
        }
        page(exchange, status, name, "jobs", session,
                JobPages.job(job.get(), queries.runs(name), queries.audit(name), queries.dependencies(name), session, preview, queries.now()));
    }

    private void login(HttpExchange exchange, Request request)
            throws IOException
    {
        String user = request.form("user").trim();
        String password = request.form("password");
        if (!throttle.allowed(user)) {
            log.warn("Dashboard login of '{}' refused: too many failed logins", user);
            page(exchange, 429, "Log in", "", Optional.empty(), ClusterPages.login(user,
                    "Too many failed logins for " + user + ": try again in a few minutes."));
            return;
        }
        try {
            login.verify(user, password);
        }
        catch (LoginRefusedException e) {
            throttle.failed(user);
            log.info("Dashboard login of '{}' refused: {}", user, e.getMessage());
            page(exchange, 401, "Log in", "", Optional.empty(), ClusterPages.login(user, e.getMessage()));
            return;
        }
        throttle.succeeded(user);
        String token = sessions.open(user, password);
        log.info("Dashboard login of '{}'", user);
        exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, token, -1));
        redirect(exchange, "/ui/jobs");
    }

    private void action(HttpExchange exchange, Request request, UiSession session)
            throws IOException
    {
        String job = request.form("job");
        String operation = request.form("op");
        if (operation.equals("preview")) {
            jobPage(exchange, job, Optional.of(session), Optional.of(preview(request.form("schedule").trim(), request.form("zone").trim())), 200);
            return;
        }
        Flash flash;
        try {
            JobControl control = login.control(session);
            flash = switch (operation) {
                case "pause" -> new Flash(control.setEnabled(job, false) ? "Paused " + job + "." : job + " was already paused.", false);
                case "resume" -> new Flash(control.setEnabled(job, true) ? "Resumed " + job + "." : job + " was not paused.", false);
                case "run" -> new Flash("Asked the cluster to run " + job + " (request #"
                        + control.requestRun(job, FormParams.toJson(request.form("params")), request.form("force").equals("true"), session.user()) + ").", false);
                case "schedule" -> {
                    String schedule = request.form("schedule").trim();
                    boolean changed = control.setSchedule(job, schedule.isEmpty() ? Optional.empty() : Optional.of(schedule), Optional.of(request.form("zone").trim()));
                    yield new Flash(changed ? "Saved the schedule of " + job + "." : "The schedule of " + job + " was already that.", false);
                }
                default -> new Flash("Unknown action '" + operation + "'.", true);
            };
            log.info("Dashboard: {} did {} on job {}", session.user(), operation, job);
        }
        catch (ControlException | IllegalArgumentException e) {
            flash = new Flash(e.getMessage(), true);
        }
        catch (DatabaseException e) {
            log.warn("Dashboard action {} on {} by {} failed: {}", operation, job, session.user(), e.getMessage());
            flash = new Flash("The database refused: " + e.getMessage(), true);
        }
        session.flash(flash);
        redirect(exchange, "/ui/job?name=" + Html.url(job));
    }

    static Preview preview(String schedule, String zone)
    {
        try {
            ZoneId zoneId = ZoneId.of(zone);
            if (schedule.isEmpty()) {
                return new Preview(schedule, zone, List.of(), Optional.empty());
            }
            var times = ScheduleWords.nextFireTimes(schedule, zoneId, 5);
            return new Preview(schedule, zone, times, times.isEmpty() ? Optional.of(InvalidScheduleException.neverFires(schedule).getMessage() + ".") : Optional.empty());
        }
        catch (DateTimeException e) {
            return new Preview(schedule, zone, List.of(), Optional.of("Unknown time zone '" + zone + "' (use an IANA name such as Europe/Berlin)."));
        }
        catch (InvalidScheduleException e) {
            return new Preview(schedule, zone, List.of(), Optional.of(e.getMessage()));
        }
    }

    private void refuse(HttpExchange exchange, Optional<UiSession> session)
            throws IOException
    {
        String message = session.isEmpty()
                ? "Log in first: actions need an operator login."
                : "Refused: the form's CSRF token is missing or wrong. Reload the page and try again.";
        page(exchange, 403, "Refused", "", session, "<h1>Refused</h1><p id=\"refused\" class=\"flash bad\">" + Html.escape(message) + "</p>");
    }

    private void page(HttpExchange exchange, int status, String title, String active, Optional<UiSession> session, String body)
            throws IOException
    {
        Optional<Flash> flash = session.flatMap(UiSession::takeFlash);
        send(exchange, status, HTML_TYPE, Html.page(title, active, session, flash, body));
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure when the browser reached us over TLS (directly or through a proxy). */
    private static String cookie(HttpExchange exchange, String value, int maxAge)
    {
        String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
        boolean secure = exchange instanceof HttpsExchange || "https".equalsIgnoreCase(forwarded);
        return COOKIE + "=" + value + "; Path=/ui; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "") + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    private static void asset(HttpExchange exchange, String name, String type)
            throws IOException
    {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 404, HTML_TYPE, "not found");
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void redirect(HttpExchange exchange, String location)
            throws IOException
    {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 303, HTML_TYPE, "");
    }

    private static void send(HttpExchange exchange, int status, String type, String body)
            throws IOException
    {
        send(exchange, status, type, body.getBytes(UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body)
            throws IOException
    {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Content-Security-Policy", SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        if (exchange.getRequestMethod().equals("HEAD") || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
