package io.netcron.server.cli;

import com.sun.net.httpserver.HttpServer;
import io.netcron.server.Main;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netcron alerts list|add|remove|test} and {@code netcron deps} on a real database. */
class AlertsAndDepsCommandsTest
{
    @ClassDatabase(migrated = true)
    private static TestDatabase database;
    private static Path configFile;

    @TempDir
    static Path directory;

    @BeforeAll
    static void writeConfig()
            throws Exception
    {
        configFile = directory.resolve("cli.properties");
        Files.writeString(configFile, "db.url=" + database.plainUrl() + "\ndb.user=" + database.user()
                + database.password().map(password -> "\ndb.password=" + password).orElse("")
                + "\nnode.id=cli-test\ndata-dir=" + directory.resolve("cli") + "\n");
    }

    @BeforeEach
    void empty()
    {
        Sql.execute(database, "TRUNCATE netcron.alert_route, netcron.job_dependency CASCADE");
    }

    @Test
    void addListAndRemoveARoute()
    {
        Sql.execute(database, "INSERT INTO netcron.job (name, implementation) VALUES ('ipam-report', 'sleep') ON CONFLICT DO NOTHING");
        Result added = cli("alerts", "add", "--job", "ipam-report", "--events", "failed,timed_out", "--channel", "email", "--target", "noc@example.net");
        assertThat(added.code()).isZero();
        long id = (Long) Sql.value(database, "SELECT id FROM netcron.alert_route");
        assertThat(added.out()).containsExactly("Added route " + id + ": job ipam-report, failed,timed_out -> email noc@example.net. Try it with 'netcron alerts test " + id + "'.");

        Result listed = cli("alerts", "list");
        assertThat(listed.out().get(1)).startsWith(Long.toString(id)).contains("ipam-report", "failed,timed_out", "email", "noc@example.net");

        assertThat(cli("alerts", "remove", Long.toString(id)).out()).containsExactly("Removed route " + id + ".");
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.alert_route")).isZero();
    }

    @Test
    void aBadRouteIsRefusedWithOneLine()
    {
        Result result = cli("alerts", "add", "--channel", "email", "--target", "not-an-address");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).containsExactly("netcron: netcron.alert_route.target of an email route must be one or more e-mail addresses (comma separated), got 'not-an-address'");
        assertThat(cli("alerts", "add", "--job", "nightly-bakup", "--channel", "email", "--target", "noc@example.net").err())
                .containsExactly("netcron: netcron.alert_route.job: no job 'nightly-bakup' in netcron.job (use '*' for the default route)");
        assertThat(cli("alerts", "add", "--channel", "pager", "--target", "x").err()).singleElement().asString()
                .contains("--channel must be webhook, slack, teams or email");
        assertThat(cli("alerts", "add", "--channel", "slack", "--events", "exploded", "--target", "http://127.0.0.1:1/").err()).singleElement().asString()
                .contains("unknown event type 'exploded'");
    }

    @Test
    void testSendsATestAlertThroughTheRoute()
            throws Exception
    {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/", exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        slack.start();
        try {
            cli("alerts", "add", "--channel", "slack", "--target", "http://127.0.0.1:" + slack.getAddress().getPort() + "/hook");
            long id = (Long) Sql.value(database, "SELECT id FROM netcron.alert_route");

            Result result = cli("alerts", "test", Long.toString(id));

            assertThat(result.code()).isZero();
            assertThat(bodies).singleElement().asString().contains("\"text\":\"[netcron] test alert");
        }
        finally {
            slack.stop(0);
        }
    }

    @Test
    void aTestThatCannotBeDeliveredSaysWhy()
    {
        cli("alerts", "add", "--channel", "webhook", "--target", "http://127.0.0.1:9/hook");
        long id = (Long) Sql.value(database, "SELECT id FROM netcron.alert_route");

        Result result = cli("alerts", "test", Long.toString(id));

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).singleElement().asString().isEqualTo("netcron: test alert not delivered: webhook at 127.0.0.1:9: connection refused (POST http://127.0.0.1:9/...)");
    }

    @Test
    void depsDrawsTheGraphWithFanIn()
    {
        Sql.execute(database, "INSERT INTO netcron.job (name, implementation) SELECT unnest(ARRAY['extract', 'load', 'report', 'inventory', 'alarm']), 'sleep' ON CONFLICT DO NOTHING");
        Sql.execute(database, """
                INSERT INTO netcron.job_dependency (job, depends_on, "on") VALUES
                    ('load', 'extract', 'success'), ('report', 'load', 'success'), ('report', 'inventory', 'completion'), ('alarm', 'extract', 'failure')""");

        Result result = cli("deps");

        assertThat(result.out()).containsExactly(
                "extract",
                "├─ alarm (on failure)",
                "└─ load (on success)",
                "   └─ report (on success; fan-in: also inventory on completion within 01:00:00)",
                "inventory",
                "└─ report (on completion; fan-in: also load on success within 01:00:00)");
        assertThat(cli("deps", "inventory").out()).containsExactly(
                "inventory",
                "└─ report (on completion; fan-in: also load on success within 01:00:00)");
    }

    private static Result cli(String... arguments)
    {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.add("--config");
        args.add(configFile.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int code;
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            code = Main.execute(args.toArray(String[]::new));
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Result(code, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }

    record Result(int code, List<String> out, List<String> err) {}
}
