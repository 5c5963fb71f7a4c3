package io.netcron.server.alerts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.job.RunCause;
import io.netcron.server.config.AlertsConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.run.RunEnd;
import io.netcron.server.history.RunHistory;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.metrics.AlertMetrics;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox against a real database: the triggers queue events per route, one claimer per row,
 * de-duplication with a controllable clock, retries with backoff, failures visible.
 */
class AlertOutboxTest
{
    private static final AtomicLong FIRE_TIMES = new AtomicLong();
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static RunHistory history;

    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());
    private final WebhookPeer peer = WebhookPeer.generic();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(T0);

    @BeforeAll
    static void createHistory()
    {
        history = new RunHistory(database);
    }

    @BeforeEach
    void emptyTables()
    {
        Sql.execute(testDatabase, "TRUNCATE netcron.job_run, netcron.alert_outbox, netcron.alert_incident, netcron.alert_route, netcron.missed_fire, netcron.node, netcron.alert_node_lost, netcron.job CASCADE");
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, category, max_retries) VALUES ('ipam-report', 'noop', 'reports', 0), ('backup', 'noop', 'backup', 2)");
    }

    @AfterEach
    void closePeers()
            throws Exception
    {
        peer.close();
        http.close();
    }

    @Test
    void aFinalFailureQueuesOneRowForTheDefaultRoute()
    {
        long route = route("*", null, null);

        long run = end("ipam-report", 1, RunStatus.FAILED);

        assertThat(Sql.rows(testDatabase, "SELECT route_id, event, subject, run_id, state FROM netcron.alert_outbox"))
                .containsExactly(Map.of("route_id", route, "event", "failed", "subject", "ipam-report", "run_id", run, "state", "pending"));
    }

    @Test
    void aFailureWithRetriesLeftQueuesNothing()
    {
        route("*", null, null);

        end("backup", 1, RunStatus.FAILED);
        end("backup", 2, RunStatus.TIMED_OUT);
        assertThat(events()).isEmpty();

        end("backup", 3, RunStatus.TIMED_OUT);
        assertThat(events()).containsExactly("timed_out");
    }

    @Test
    void aRouteNamingTheJobReplacesTheDefaultRouteAndCategoriesNarrowDefaults()
    {
        route("*", null, null);
        long reports = route("*", "reports", null);
        long own = route("backup", null, "{failed}");

        end("backup", 3, RunStatus.FAILED);
        end("ipam-report", 1, RunStatus.FAILED);

        assertThat(Sql.rows(testDatabase, "SELECT route_id FROM netcron.alert_outbox WHERE job_name = 'backup'"))
                .extracting(row -> row.get("route_id")).containsExactly(own);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.alert_outbox WHERE job_name = 'ipam-report'")).isEqualTo(2);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.alert_outbox WHERE job_name = 'ipam-report' AND route_id = ?", reports)).isEqualTo(1);
    }

    @Test
    void missedFireTimesSkippedRunsScheduleErrorsAndLostNodesAreQueued()
    {
        route("*", null, null);

        Sql.execute(testDatabase, "INSERT INTO netcron.missed_fire (job_name, scheduled_at, policy, detected_by) VALUES ('ipam-report', now(), 'skip', 'node-a')");
        history.skipped(start("ipam-report", 1), "the previous run was still running");
        Sql.execute(testDatabase, "UPDATE netcron.job SET schedule_error = 'bad cron' WHERE name = 'ipam-report'");
        Sql.execute(testDatabase, "UPDATE netcron.job SET schedule_error = NULL WHERE name = 'ipam-report'");
        long run = history.start(start("backup", 1));
        Sql.execute(testDatabase, "UPDATE netcron.job_run SET status = 'abandoned', finished_at = now() WHERE id = ?", run);

        assertThat(events()).containsExactly("missed", "skipped", "schedule_error", "schedule_ok", "node_lost");
        assertThat(Sql.value(testDatabase, "SELECT subject FROM netcron.alert_outbox WHERE event = 'node_lost'")).isEqualTo("node:node-a");
    }

    @Test
    void aSilentNodeIsReportedOnceAndStoppedOrLiveNodesNever()
    {
        route("*", null, null);
        node("gone", "active", "1 minute");
        node("fresh", "active", "1 second");
        node("shut-down", "stopped", "1 hour");
        NodeLossDetector first = new NodeLossDetector(database, "node-a", Duration.ofSeconds(15));
        NodeLossDetector second = new NodeLossDetector(database, "node-b", Duration.ofSeconds(15));

        assertThat(first.detect()).isEqualTo(1);
        assertThat(second.detect()).isZero();

        assertThat(Sql.rows(testDatabase, "SELECT event, subject, node_id FROM netcron.alert_outbox"))
                .containsExactly(Map.of("event", "node_lost", "subject", "node:gone", "node_id", "gone"));
    }

    @Test
    void aRunFarLongerThanItsMedianIsQueued()
    {
        route("*", null, "{long_run}");
        for (int i = 0; i < 5; i++) {
            end("ipam-report", 1, RunStatus.SUCCEEDED, Duration.ofSeconds(10));
        }
        end("ipam-report", 1, RunStatus.SUCCEEDED, Duration.ofSeconds(40));
        assertThat(events()).isEmpty();

        end("ipam-report", 1, RunStatus.SUCCEEDED, Duration.ofSeconds(51));
        assertThat(events()).containsExactly("long_run");
    }

    @Test
    void twoConcurrentClaimersNeverClaimTheSameRow()
            throws Exception
    {
        route("*", null, null);
        end("ipam-report", 1, RunStatus.FAILED);
        end("backup", 3, RunStatus.FAILED);

        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            Future<Optional<OutboxEntry>> first = executor.submit(() -> database.inTransaction(handle -> {
                Optional<OutboxEntry> claimed = AlertOutbox.claimNext(handle, 0, T0);
                firstHolds.countDown();
                awaitQuietly(release);
                return claimed;
            }));
            assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
            List<Optional<OutboxEntry>> second = database.inTransaction(handle -> {
                Optional<OutboxEntry> b = AlertOutbox.claimNext(handle, 0, T0);
                Optional<OutboxEntry> c = AlertOutbox.claimNext(handle, b.orElseThrow().id(), T0);
                return List.of(b, c);
            });
            release.countDown();
            Optional<OutboxEntry> a = first.get(10, TimeUnit.SECONDS);

            assertThat(a).isPresent();
            assertThat(second.get(0).orElseThrow().id()).isNotEqualTo(a.get().id());
            assertThat(second.get(1)).as("the only other row is held by the first claimer").isEmpty();
        }
    }

    @Test
    void aJobFailingEveryMinuteSendsOneAlertThenRemindersThenRecovered()
    {
        route("*", peer.url("/hook"), null);
        AlertDispatcher dispatcher = dispatcher(Map.of("alerts.reminder-interval", "1h"));

        for (int minute = 0; minute < 90; minute++) {
            end("ipam-report", 1, RunStatus.FAILED);
            dispatcher.deliverPending();
            clock.advance(Duration.ofMinutes(1));
        }
        end("ipam-report", 1, RunStatus.SUCCEEDED);
        dispatcher.deliverPending();
        end("ipam-report", 1, RunStatus.SUCCEEDED);
        dispatcher.deliverPending();

        assertThat(peer.received()).extracting(request -> request.body().path("sent_as").asText())
                .containsExactly("alert", "reminder", "recovered");
        assertThat(peer.received().get(1).body().path("title").asText()).isEqualTo("[netcron] still failed: job ipam-report (61 events since 2030-01-01T00:00:00Z)");
        assertThat(peer.received().get(2).body().path("title").asText()).isEqualTo("[netcron] job ipam-report recovered after 90 events");
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.alert_outbox WHERE state = 'suppressed'")).isEqualTo(88);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.alert_incident")).isZero();
        assertThat(registry.get("netcron.alerts.suppressed").counter().count()).isEqualTo(88);
    }

    @Test
    void twoNodesDeliveringTheSameBurstTogetherSendOneAlert()
            throws Exception
    {
        route("*", peer.url("/hook"), null);
        for (int i = 0; i < 20; i++) {
            end(i % 2 == 0 ? "ipam-report" : "backup", 3, RunStatus.FAILED);
        }
        AlertDispatcher nodeA = dispatcher(Map.of());
        AlertDispatcher nodeB = dispatcher(Map.of());

        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            Future<AlertDispatcher.Pass> a = executor.submit(nodeA::deliverPending);
            Future<AlertDispatcher.Pass> b = executor.submit(nodeB::deliverPending);
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
        }
        nodeA.deliverPending(); // rows the two skipped while the other held an older one

        assertThat(peer.received()).extracting(request -> request.body().path("job").asText()).containsExactlyInAnyOrder("ipam-report", "backup");
        assertThat(Sql.rows(testDatabase, "SELECT state, count(*) AS n FROM netcron.alert_outbox GROUP BY state ORDER BY state"))
                .containsExactly(Map.of("state", "sent", "n", 2L), Map.of("state", "suppressed", "n", 18L));
    }

    @Test
    void aRecoveryWithoutAnOpenIncidentSendsNothing()
    {
        route("*", peer.url("/hook"), null);
        end("backup", 1, RunStatus.FAILED); // retried: no alert, no incident
        end("backup", 2, RunStatus.SUCCEEDED);

        dispatcher(Map.of()).deliverPending();

        assertThat(peer.received()).isEmpty();
        assertThat(Sql.value(testDatabase, "SELECT state FROM netcron.alert_outbox WHERE event = 'recovered'")).isEqualTo("suppressed");
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffThenGivenUpVisibly()
    {
        peer.failWith(500, "upstream broke");
        route("*", peer.url("/hook"), null);
        end("ipam-report", 1, RunStatus.FAILED);
        AlertDispatcher dispatcher = dispatcher(Map.of("alerts.retry-backoff", "10s", "alerts.max-attempts", "3"));

        dispatcher.deliverPending();
        dispatcher.deliverPending(); // not due yet
        assertThat(peer.received()).hasSize(1);
        assertThat(Sql.value(testDatabase, "SELECT last_error FROM netcron.alert_outbox")).asString().contains("HTTP 500: upstream broke");

        clock.advance(Duration.ofSeconds(10));
        dispatcher.deliverPending();
        clock.advance(Duration.ofSeconds(19));
        dispatcher.deliverPending(); // second backoff is 20s
        assertThat(peer.received()).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.deliverPending();

        assertThat(peer.received()).hasSize(3);
        assertThat(Sql.rows(testDatabase, "SELECT state, attempts FROM netcron.alert_outbox")).containsExactly(Map.of("state", "failed", "attempts", 3));
        assertThat(registry.get("netcron.alerts.delivery.failures").tag("channel", "webhook").counter().count()).isEqualTo(3);
        assertThat(registry.get("netcron.alerts.given.up").counter().count()).isEqualTo(1);
        assertThat(registry.get("netcron.alerts.undelivered").gauge().value()).isEqualTo(1);
    }

    @Test
    void aFailedAlertThatIsRetriedLaterIsStillSentAsTheFirstAlert()
    {
        peer.failWith(503, "busy");
        route("*", peer.url("/hook"), null);
        end("ipam-report", 1, RunStatus.FAILED);
        AlertDispatcher dispatcher = dispatcher(Map.of("alerts.retry-backoff", "10s"));
        dispatcher.deliverPending();

        peer.failWith(204, "");
        clock.advance(Duration.ofSeconds(10));
        dispatcher.deliverPending();

        assertThat(peer.received()).extracting(request -> request.body().path("sent_as").asText()).containsExactly("alert", "alert");
        assertThat(Sql.value(testDatabase, "SELECT state FROM netcron.alert_outbox")).isEqualTo("sent");
    }

    @Test
    void pruningDeletesOldDoneRowsAndKeepsPendingOnes()
    {
        route("*", peer.url("/hook"), null);
        end("ipam-report", 1, RunStatus.FAILED);
        AlertDispatcher dispatcher = dispatcher(Map.of());
        dispatcher.deliverPending();
        end("backup", 3, RunStatus.FAILED);

        assertThat(dispatcher.prune(Duration.ofDays(1))).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(dispatcher.prune(Duration.ofDays(1))).isEqualTo(1);

        assertThat(Sql.rows(testDatabase, "SELECT job_name, state FROM netcron.alert_outbox")).containsExactly(Map.of("job_name", "backup", "state", "pending"));
    }

    private static void node(String id, String state, String silentFor)
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.node (node_id, host, pid, version, started_at, last_seen, state)
                VALUES (?, 'host1', 42, 'test', now() - interval '1 hour', now() - ?::interval, ?)""", id, silentFor, state);
    }

    private static void awaitQuietly(CountDownLatch latch)
    {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AlertDispatcher dispatcher(Map<String, String> settings)
    {
        AlertsConfig config = AlertsConfig.from(Settings.of(settings));
        AlertSenders senders = new AlertSenders(new WebhookPoster(http, Credentials.of(Map.of())), new EmailSender(config, Credentials.of(Map.of())));
        return new AlertDispatcher(database, senders, config, new AlertMetrics(registry), "node-test", clock);
    }

    private static long route(String job, String targetOrCategory, String events)
    {
        boolean isCategory = targetOrCategory != null && !targetOrCategory.startsWith("http");
        return (Long) Sql.value(testDatabase, """
                        INSERT INTO netcron.alert_route (job, category, events, channel, target)
                        VALUES (?, ?, ?::text[], 'webhook', ?) RETURNING id""",
                job, isCategory ? targetOrCategory : null, events, isCategory || targetOrCategory == null ? "http://127.0.0.1:9/unused" : targetOrCategory);
    }

    private static List<Object> events()
    {
        return Sql.rows(testDatabase, "SELECT event FROM netcron.alert_outbox ORDER BY id").stream().map(row -> row.get("event")).toList();
    }

    private static long end(String job, int attempt, RunStatus status)
    {
        return end(job, attempt, status, Duration.ofMillis(5));
    }

    private static long end(String job, int attempt, RunStatus status, Duration duration)
    {
        long id = history.start(start(job, attempt));
        history.finish(id, new RunEnd(status, null, status == RunStatus.SUCCEEDED ? null : "connection refused", "", duration));
        return id;
    }

    private static RunStart start(String job, int attempt)
    {
        Instant fireTime = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(FIRE_TIMES.incrementAndGet());
        return new RunStart(job, fireTime, attempt, attempt == 1 ? RunCause.SCHEDULE : RunCause.RETRY, "node-a", false);
    }

    /** A clock the test moves. */
    static final class MutableClock
            extends Clock
    {
        private volatile Instant now;

        MutableClock(Instant start)
        {
            this.now = start;
        }

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public Instant instant()
        {
            return now;
        }

        @Override
        public java.time.ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone)
        {
            return this;
        }
    }
}
