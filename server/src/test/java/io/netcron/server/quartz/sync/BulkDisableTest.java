package io.netcron.server.quartz.sync;

import io.netcron.server.db.Database;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many jobs disabled (or enabled again) by one operator statement: ScheduleSync pauses their
 * triggers in bulk, with the states Quartz's own pause gives, and records the new versions.
 */
class BulkDisableTest
{
    private static final int JOBS = 130; // three chunks
    private static final AtomicInteger LOCK_STATEMENTS = new AtomicInteger();

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static SchedulerPartitions schedulers;
    private static ScheduleSync sync;
    private static StoredSchedules stored;

    @BeforeAll
    static void createSchedulers()
            throws Exception
    {
        // Quartz and ScheduleSync on connections that count the trigger-lock statements
        stored = StoredSchedules.create(new Database(lockCounting(database.dataSource())), "bulk-disable-test", 2);
        schedulers = stored.schedulers();
        sync = stored.sync();
    }

    @AfterAll
    static void shutDownSchedulers()
            throws Exception
    {
        stored.shutdown();
    }

    @Test
    void disablingManyJobsAtOncePausesEachTriggerAsQuartzWouldAndRecordsTheVersions()
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule) SELECT 'bulk-' || i, 'sleep', '* * * * * ?' FROM generate_series(1, ?) AS i", JOBS);
        sync.reconcileAll();
        assertThat(states("bulk-%").values()).as("stored and waiting").hasSize(JOBS).containsOnly("WAITING");
        // as the firing path may leave them at that moment: one acquired by a node, one blocked (its job running, no overlap)
        Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET trigger_state = 'ACQUIRED' WHERE job_name = 'bulk-1'");
        Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET trigger_state = 'BLOCKED' WHERE job_name = 'bulk-2'");

        Sql.execute(testDatabase, "UPDATE netcron.job SET enabled = false WHERE name LIKE 'bulk-%' AND name <> 'bulk-3'");
        sync.reconcileAll();

        Map<String, String> states = states("bulk-%");
        assertThat(states).hasSize(JOBS);
        assertThat(states.get("bulk-1")).as("an acquired trigger is paused: its node skips it").isEqualTo("PAUSED");
        assertThat(states.get("bulk-2")).as("a blocked trigger stays blocked while paused").isEqualTo("PAUSED_BLOCKED");
        assertThat(states.get("bulk-3")).as("the job left enabled").isEqualTo("WAITING");
        assertThat(states.entrySet().stream().filter(entry -> !List.of("bulk-1", "bulk-2", "bulk-3").contains(entry.getKey())).map(Map.Entry::getValue))
                .as("every other disabled job").hasSize(JOBS - 3).containsOnly("PAUSED");
        assertAllApplied("bulk-%");
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job WHERE name LIKE 'bulk-%' AND next_fire_at IS NOT NULL"))
                .as("only the enabled job shows a next fire time").isEqualTo(1);

        Sql.execute(testDatabase, "UPDATE netcron.job SET enabled = true WHERE name LIKE 'bulk-%' AND name <> 'bulk-2'");
        sync.reconcileAll();

        states = states("bulk-%");
        assertThat(states.get("bulk-2")).as("still disabled").isEqualTo("PAUSED_BLOCKED");
        assertThat(states.entrySet().stream().filter(entry -> !entry.getKey().equals("bulk-2")).map(Map.Entry::getValue))
                .as("enabled again").hasSize(JOBS - 1).containsOnly("WAITING");
        assertAllApplied("bulk-%");
    }

    @Test
    void newJobsInsertedDisabledAreStoredPaused()
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule, enabled) SELECT 'off-' || i, 'sleep', '0 0 * * * ?', i % 2 = 0 FROM generate_series(1, 60) AS i");
        sync.reconcileAll();

        Map<String, String> states = states("off-%");
        assertThat(states).hasSize(60);
        states.forEach((job, state) -> assertThat(state).as(job).isEqualTo(Integer.parseInt(job.substring(4)) % 2 == 0 ? "WAITING" : "PAUSED"));
        assertAllApplied("off-%");
    }

    @Test
    void aScheduleChangedAndDisabledInOneEditIsStoredPaused()
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule) SELECT 'moved-' || i, 'sleep', '0 0 * * * ?' FROM generate_series(1, 5) AS i");
        sync.reconcileAll();

        Sql.execute(testDatabase, "UPDATE netcron.job SET schedule = '* * * * * ?', enabled = false WHERE name LIKE 'moved-%'");
        sync.reconcileAll();

        assertThat(states("moved-%").values()).hasSize(5).containsOnly("PAUSED");
        assertThat(Sql.rows(testDatabase, "SELECT c.cron_expression FROM netcron.qrtz_cron_triggers c JOIN netcron.qrtz_triggers t USING (sched_name, trigger_name, trigger_group) WHERE t.job_name LIKE 'moved-%'"))
                .extracting(row -> row.get("cron_expression")).hasSize(5).containsOnly("* * * * * ?");
        assertAllApplied("moved-%");
    }

    @Test
    void disablingAChunkTakesEachPartitionsTriggerLockTwiceNotTwicePerJob()
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule) SELECT 'lock-' || i, 'sleep', '* * * * * ?' FROM generate_series(1, 50) AS i");
        sync.reconcileAll();
        LOCK_STATEMENTS.set(0);

        Sql.execute(testDatabase, "UPDATE netcron.job SET enabled = false WHERE name LIKE 'lock-%'");
        sync.reconcileAll();

        assertThat(states("lock-%").values()).hasSize(50).containsOnly("PAUSED");
        assertAllApplied("lock-%");
        // per partition: the pauses in one statement, the job details in one Quartz call (one by one: 2 per job, 100)
        assertThat(LOCK_STATEMENTS.get()).as("TRIGGER_ACCESS taken").isLessThanOrEqualTo(2 * schedulers.count());
    }

    /** Counts the statements that take a partition's trigger lock ({@code qrtz_locks ... FOR UPDATE}), Quartz's and netcron's. */
    private static DataSource lockCounting(DataSource dataSource)
    {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
            Object result = invoke(dataSource, method, arguments);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (connectionProxy, connectionMethod, connectionArguments) -> {
                if (connectionMethod.getName().equals("prepareStatement") && connectionArguments[0] instanceof String sql
                        && sql.toLowerCase(Locale.ROOT).contains("locks") && sql.toLowerCase(Locale.ROOT).contains("for update")) {
                    LOCK_STATEMENTS.incrementAndGet();
                }
                return invoke(connection, connectionMethod, connectionArguments);
            });
        });
    }

    private static Object invoke(Object target, Method method, Object[] arguments)
            throws Throwable
    {
        try {
            return method.invoke(target, arguments);
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Map<String, String> states(String jobs)
    {
        return Sql.rows(testDatabase, "SELECT job_name, trigger_state FROM netcron.qrtz_triggers WHERE job_name LIKE ?", jobs).stream()
                .collect(Collectors.toMap(row -> (String) row.get("job_name"), row -> (String) row.get("trigger_state")));
    }

    /** Every row's version is the one its Quartz job carries: nothing is left for the next reconcile. */
    private static void assertAllApplied(String jobs)
    {
        Map<String, Long> applied = ScheduleSync.appliedVersions(database, schedulers.names());
        List<Map<String, Object>> rows = Sql.rows(testDatabase, "SELECT name, version FROM netcron.job WHERE name LIKE ?", jobs);
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(applied.get((String) row.get("name"))).as((String) row.get("name")).isEqualTo(((Number) row.get("version")).longValue()));
    }
}
