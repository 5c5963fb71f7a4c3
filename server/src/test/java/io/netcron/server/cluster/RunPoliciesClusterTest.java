package io.netcron.server.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.quartz.store.QuartzSchedulerFactory;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Runs.Run;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import io.netcron.server.testjobs.BrokenQuartzJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.simpl.SimpleJobFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retry, max-runtime (thread and process isolation), concurrency and stuck-trigger policies on two
 * real node processes sharing one database. The jobs of every test are configured up front so
 * the tests run side by side in one cluster; each test reads only its own jobs.
 */
@MultiJvm
class RunPoliciesClusterTest
{
    private static final Path PIDS = Path.of("target", "policies-isolated.pids").toAbsolutePath();

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static List<NodeProcess> nodes;
    private static Instant firstFire;

    @BeforeAll
    static void startCluster()
            throws Exception
    {
        Files.deleteIfExists(PIDS);
        cluster = new Cluster(database, Map.of(
                "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s",
                "NETCRON_NODE_TIMEOUT_GRACE", "1s",
                "NETCRON_QUARTZ_STUCK_TRIGGER_CHECK", "1s"));
        nodes = List.of(cluster.start("policy-1"), cluster.start("policy-2"));
        cluster.awaitActive(Duration.ofSeconds(90), nodes.toArray(NodeProcess[]::new));

        firstFire = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
        String once = Runs.onceAt(firstFire);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, max_runtime, max_retries, retry_backoff, concurrency, isolated, params) VALUES
                ('retry-until-third', 'test-flaky', ?, '1 minute', 3, '1 second', 'forbid', false, '{"succeed_on_attempt": 3}'),
                ('retry-exhausted', 'test-flaky', ?, '1 minute', 1, '1 second', 'forbid', false, '{"succeed_on_attempt": 10}'),
                ('timeout-stops', 'sleep', ?, '1 second', 0, '1 second', 'forbid', false, '{"duration_ms": 30000}'),
                ('timeout-ignores', 'test-stubborn', ?, '1 second', 0, '1 second', 'forbid', false, '{"duration_ms": 20000}'),
                ('isolated-timeout', 'test-stubborn', ?, '12 seconds', 0, '1 second', 'forbid', true,
                    jsonb_build_object('duration_ms', 120000, 'spawn_child', true, 'pid_file', ?::text)),
                ('isolated-echo', 'test-echo', ?, '1 minute', 0, '1 second', 'forbid', true, '{"echo": "from a child"}'),
                ('forbid-3s', 'sleep', '* * * * * ?', '1 minute', 0, '1 second', 'forbid', false, '{"duration_ms": 3000}'),
                ('allow-3s', 'sleep', '* * * * * ?', '1 minute', 0, '1 second', 'allow', false, '{"duration_ms": 3000}'),
                ('tick', 'sleep', '* * * * * ?', '1 minute', 0, '1 second', 'allow', false, '{"duration_ms": 10}'),
                ('stuck-acquired', 'sleep', '*/4 * * * * ?', '1 minute', 0, '1 second', 'forbid', false, '{"duration_ms": 10}'),
                ('stuck-blocked', 'sleep', '*/4 * * * * ?', '1 minute', 0, '1 second', 'forbid', false, '{"duration_ms": 10}')""",
                once, once, once, once, once, PIDS.toString(), once);
    }

    @Test
    void failedRunIsRetriedWithDoublingBackoffAsNumberedAttemptsOfTheSameFireTime()
    {
        List<Run> runs = awaitRuns("retry-until-third", 3, run -> run.status().equals("succeeded"));
        assertThat(runs).extracting(Run::attempt, Run::cause, Run::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "schedule", "failed"),
                org.assertj.core.groups.Tuple.tuple(2, "retry", "failed"),
                org.assertj.core.groups.Tuple.tuple(3, "retry", "succeeded"));
        assertThat(runs).extracting(Run::scheduledAt).containsOnly(firstFire);
        assertThat(runs.get(0).error()).isEqualTo("attempt 1 failed on purpose (succeeds on attempt 3)");
        // backoff 1 s, then 2 s (the database clock stamps both ends; 100 ms tolerance for rounding)
        assertThat(Duration.between(runs.get(0).finishedAt(), runs.get(1).startedAt())).isBetween(Duration.ofMillis(900), Duration.ofSeconds(6));
        assertThat(Duration.between(runs.get(1).finishedAt(), runs.get(2).startedAt())).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(7));
    }

    @Test
    void retriesStopAtMaxRetries()
    {
        awaitRuns("retry-exhausted", 2, run -> run.attempt() == 2 && !run.status().equals("running"));
        // attempt 3 would have been due 2 s after attempt 2
        Instant secondEnded = Runs.of(database, "retry-exhausted").get(1).finishedAt();
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(secondEnded.plusSeconds(4)));
        assertThat(Runs.of(database, "retry-exhausted")).extracting(Run::attempt, Run::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "failed"),
                org.assertj.core.groups.Tuple.tuple(2, "failed"));
    }

    @Test
    void runThatStopsWhenInterruptedAtMaxRuntimeIsTimedOut()
    {
        Run run = awaitRuns("timeout-stops", 1, r -> !r.status().equals("running")).getFirst();
        assertThat(run.status()).isEqualTo("timed_out");
        assertThat(run.error()).startsWith("max runtime 1s exceeded; the job stopped when interrupted");
        assertThat(run.durationMs()).isBetween(900L, 5_000L);
    }

    @Test
    void threadIgnoringInterruptsIsTimedOutAfterTheGraceAndTheNodeKeepsFiring()
    {
        Run run = awaitRuns("timeout-ignores", 1, r -> !r.status().equals("running")).getFirst();
        assertThat(run.status()).isEqualTo("timed_out");
        assertThat(run.error()).isEqualTo("max runtime 1s exceeded; the job ignored the interrupt for 1s and was abandoned");
        // max runtime 1 s + grace 1 s, not the job's 20 s
        assertThat(run.durationMs()).isBetween(1_900L, 8_000L);
        NodeProcess node = node(run.nodeId());
        assertThat(node.output()).contains("ignored the interrupt for 1s; thread netcron-job-timeout-ignores-" + run.id() + " abandoned");
        // any job: which node fires a given trigger is Quartz's race (one node can win 'tick' for a
        // minute on a loaded machine), but the per-second jobs together reach both nodes
        await("node " + run.nodeId() + " firing after the abandoned run").atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE node_id = ? AND status = 'succeeded' AND started_at > to_timestamp(? / 1000.0)",
                        run.nodeId(), run.finishedAt().toEpochMilli()) >= 3);
    }

    @Test
    void isolatedRunIsKilledWithItsWholeProcessTreeAtMaxRuntime()
            throws Exception
    {
        Run run = awaitRuns("isolated-timeout", 1, r -> !r.status().equals("running")).getFirst();
        assertThat(run.status()).isEqualTo("timed_out");
        assertThat(run.error()).startsWith("max runtime 12s exceeded: isolated process ").endsWith("and its process tree (2 processes) killed");
        assertThat(run.durationMs()).isBetween(11_900L, 25_000L);
        List<Long> pids = Files.readAllLines(PIDS).stream().map(Long::parseLong).toList();
        assertThat(pids).as("the child JVM and the process it started").hasSize(2)
                .doesNotContainAnyElementsOf(nodes.stream().map(NodeProcess::pid).toList());
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid + " alive").isFalse());
        assertThat(run.output()).contains("ignores interrupts for 120000 ms");
    }

    @Test
    void isolatedRunReturnsTheResultAndOutputOfItsChildProcess()
    {
        Run run = awaitRuns("isolated-echo", 1, r -> !r.status().equals("running")).getFirst();
        assertThat(run.status()).as(run.error()).isEqualTo("succeeded");
        assertThat(run.result()).contains("\"echo\": \"from a child\"");
        long childPid = Long.parseLong(run.result().replaceAll(".*\"pid\": (\\d+).*", "$1"));
        assertThat(childPid).isNotIn(nodes.stream().map(NodeProcess::pid).toList());
        assertThat(run.output()).contains("first line", "printed by the job itself", "echo from a child");
    }

    @Test
    void forbidNeverRunsTwoAtOnceAnywhereAndRecordsEachOverlapAsSkipped()
    {
        List<Run> runs = awaitRuns("forbid-3s", 12, r -> true);
        await("12 s of forbid-3s").atMost(Duration.ofSeconds(40)).until(() -> Runs.of(database, "forbid-3s").stream().filter(r -> r.status().equals("succeeded")).count() >= 3);
        runs = Runs.of(database, "forbid-3s");
        assertThat(runs.stream().filter(r -> r.status().equals("running"))).as("runs going at once").hasSizeLessThanOrEqualTo(1);
        List<Run> ran = runs.stream().filter(r -> r.status().equals("succeeded")).toList();
        for (int i = 1; i < ran.size(); i++) {
            assertThat(ran.get(i).startedAt()).as("run %s starts after run %s ended", ran.get(i).id(), ran.get(i - 1).id())
                    .isAfterOrEqualTo(ran.get(i - 1).finishedAt());
        }
        List<Run> skipped = runs.stream().filter(r -> r.status().equals("skipped")).toList();
        assertThat(skipped).isNotEmpty().allSatisfy(r -> assertThat(r.error()).matches("skipped: concurrency is forbid: (run \\d+ on node policy-\\d \\(fire time .*\\) is still running|the previous run was still running when this fire time came)"));
        assertThat(runs).extracting(Run::nodeId).as("nodes that fired forbid-3s").containsAnyOf("policy-1").containsAnyOf("policy-2");
        // every second fired: none lost silently, none queued
        Instant first = runs.getFirst().scheduledAt();
        Instant last = runs.getLast().scheduledAt();
        Set<Instant> fired = runs.stream().map(Run::scheduledAt).collect(Collectors.toSet());
        for (Instant second = first; !second.isAfter(last); second = second.plusSeconds(1)) {
            assertThat(fired).as("a row for fire time " + second).contains(second);
        }
        assertThat(runs).extracting(Run::attempt).containsOnly(1);
    }

    @Test
    void allowLetsRunsOfTheSameJobOverlap()
    {
        await("overlapping allow-3s runs").atMost(Duration.ofSeconds(40)).until(() ->
                Runs.of(database, "allow-3s").stream().filter(r -> r.status().equals("succeeded")).count() >= 6);
        List<Run> ran = Runs.of(database, "allow-3s").stream().filter(r -> r.status().equals("succeeded")).toList();
        assertThat(ran.get(1).startedAt()).as("second run starts while the first is going").isBefore(ran.get(0).finishedAt());
        assertThat(Runs.of(database, "allow-3s")).extracting(Run::status).doesNotContain("skipped");
    }

    @Test
    void triggerStuckInErrorIsResetThroughTheQuartzApi()
            throws Exception
    {
        Files.deleteIfExists(BrokenQuartzJob.RAN);
        Files.writeString(BrokenQuartzJob.FLAG, "broken");
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("node.id", "test-client")));
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(database.plainUrl());
            dataSource.setUsername(database.user());
            database.password().ifPresent(dataSource::setPassword);
            dataSource.setMaximumPoolSize(2);
            Scheduler client = QuartzSchedulerFactory.create(config.quartz(), config.node(), dataSource, new SimpleJobFactory(), false).first();
            try {
                client.scheduleJob(
                        JobBuilder.newJob(BrokenQuartzJob.class).withIdentity("broken", "test").build(),
                        TriggerBuilder.newTrigger().withIdentity("broken-trigger", "test").startNow()
                                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(2)).build());
                await("a node finds the trigger in ERROR and resets it").atMost(Duration.ofSeconds(30)).until(() ->
                        nodes.stream().anyMatch(node -> node.output().contains("Trigger test.broken-trigger was stuck in state ERROR (a firing could not start); reset to fire again")));
                Files.delete(BrokenQuartzJob.FLAG);
                await("the repaired trigger fires again").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(BrokenQuartzJob.RAN));
                client.deleteJob(JobKey.jobKey("broken", "test"));
            }
            finally {
                client.shutdown();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACQUIRED", "BLOCKED"})
    void triggerLeftInAStateThatNoLiveNodeOwnsIsStoredAgainAndFires(String state)
    {
        String job = "stuck-" + state.toLowerCase(java.util.Locale.ROOT);
        await(job + " firing").atMost(Duration.ofSeconds(30)).until(() -> !Runs.of(database, job).isEmpty());
        // The fault Quartz's issues #95 and #145 describe, made by hand: the trigger left in a state
        // whose owner (a fired-trigger row of a live node) does not exist, so no node acquires it.
        // Only a test writes Quartz's tables; it does so just after a firing, while the trigger waits.
        await(job + " trigger set to " + state).atMost(Duration.ofSeconds(30)).until(() -> Sql.execute(database, """
                UPDATE netcron.qrtz_triggers SET trigger_state = ?
                WHERE trigger_group = 'netcron' AND job_name = ? AND trigger_state = 'WAITING'
                  AND next_fire_time > (extract(epoch FROM now()) * 1000 + 1500)::bigint""", state, job) == 1);
        Instant stuckAt = Instant.now();

        await("a node reports the repair").atMost(Duration.ofSeconds(30)).until(() -> nodes.stream().anyMatch(node ->
                node.output().lines().anyMatch(line -> line.contains("Trigger netcron." + job + "#")
                        && line.contains("was stuck in state " + state + " with no live node owning it; stored again from its next fire time"))));
        await(job + " fires again after the repair").atMost(Duration.ofSeconds(30)).until(() ->
                Runs.of(database, job).stream().anyMatch(run -> run.scheduledAt().isAfter(stuckAt) && run.status().equals("succeeded")));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.qrtz_triggers WHERE job_name = ? AND trigger_state = ?", job, state))
                .as("triggers of %s still %s", job, state).isZero();
    }

    private static List<Run> awaitRuns(String jobName, int count, java.util.function.Predicate<Run> last)
    {
        await(jobName + " runs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Run> runs = Runs.of(database, jobName);
            return runs.size() >= count && last.test(runs.get(count - 1));
        });
        return Runs.of(database, jobName);
    }

    private static NodeProcess node(String nodeId)
    {
        return nodes.stream().filter(node -> node.name().equals(nodeId)).findFirst().orElseThrow();
    }
}
