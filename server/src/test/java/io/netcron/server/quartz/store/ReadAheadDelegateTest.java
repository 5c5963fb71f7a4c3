package io.netcron.server.quartz.store;

import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.simpl.CascadingClassLoadHelper;
import org.quartz.spi.OperableTrigger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delegate's read-ahead on a real database: a batch's rows come in one statement, each answer is
 * the row as it was read and is given once, and whatever the read-ahead cannot vouch for is read again.
 */
class ReadAheadDelegateTest
{
    private static final String NODE = "read-ahead-node";
    private static final long DUE = 1_000_000L;

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static String schedulerName;
    private static Scheduler scheduler;
    private static CascadingClassLoadHelper classes;

    @BeforeAll
    static void storeJobsAndTriggers()
            throws Exception
    {
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("node.id", NODE)));
        schedulerName = config.quartz().schedulerName();
        classes = new CascadingClassLoadHelper();
        classes.initialize();
        scheduler = StoreOnlyScheduler.create(database, config);
        scheduler.addJob(JobBuilder.newJob(StoreOnlyScheduler.NoOp.class).withIdentity(QuartzKeys.jobKey("plain")).usingJobData("answer", "42").storeDurably().build(), false);
        scheduler.addJob(JobBuilder.newJob(NoOverlap.class).withIdentity(QuartzKeys.jobKey("no-overlap")).storeDurably().build(), false);
        for (String name : List.of("held", "taken-back", "no-overlap")) {
            scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(name, QuartzKeys.GROUP).forJob(QuartzKeys.jobKey(name.equals("no-overlap") ? "no-overlap" : "plain"))
                    .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever()).build());
        }
        Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET next_fire_time = ?, trigger_state = 'ACQUIRED'", DUE);
        Sql.execute(testDatabase, """
                INSERT INTO netcron.qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time, priority, state)
                VALUES (?, 'entry-held', 'held', ?, ?, 0, 0, 5, 'ACQUIRED'),
                       (?, 'entry-no-overlap', 'no-overlap', ?, ?, 0, 0, 5, 'ACQUIRED'),
                       (?, 'entry-taken', 'taken-back', ?, 'another-node', 0, 0, 5, 'ACQUIRED')""",
                schedulerName, QuartzKeys.GROUP, NODE, schedulerName, QuartzKeys.GROUP, NODE, schedulerName, QuartzKeys.GROUP);
    }

    @AfterAll
    static void removeScheduler()
            throws Exception
    {
        // Quartz keeps schedulers by name for the whole JVM
        scheduler.shutdown(false);
    }

    @Test
    void aFiringBatchReadsItsStatesAcquisitionsAndJobsInOneStatement()
            throws Exception
    {
        ReadAheadDelegate delegate = delegate();
        AtomicInteger statements = new AtomicInteger();
        try (Connection connection = testDatabase.connect()) {
            Connection counted = counting(connection, statements);
            delegate.readAheadForFiring(counted, List.of(trigger("held", "entry-held"), trigger("taken-back", "entry-taken")));

            assertThat(delegate.holdsAcquisition(counted, key("held"))).isTrue();
            assertThat(delegate.holdsAcquisition(counted, key("taken-back"))).as("another node's row, not this node's").isFalse();
            assertThat(delegate.selectTriggerState(counted, key("held"))).isEqualTo("ACQUIRED");
            assertThat(delegate.selectTriggerState(counted, key("taken-back"))).isEqualTo("ACQUIRED");
            JobDetail job = delegate.selectJobDetail(counted, QuartzKeys.jobKey("plain"), classes);
            assertThat(job.getJobClass()).isEqualTo(StoreOnlyScheduler.NoOp.class);
            assertThat(job.getJobDataMap().getString("answer")).isEqualTo("42");
            assertThat(job.isDurable()).isTrue();
            assertThat(statements).as("statements for two triggers' states, acquisitions and job").hasValue(1);
        }
    }

    @Test
    void eachAnswerIsGivenOnceAndTheNextReadSeesTheDatabase()
            throws Exception
    {
        ReadAheadDelegate delegate = delegate();
        try (Connection connection = testDatabase.connect()) {
            delegate.readAheadForFiring(connection, List.of(trigger("held", "entry-held")));
            Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET trigger_state = 'PAUSED' WHERE trigger_name = 'held'");
            try {
                assertThat(delegate.selectTriggerState(connection, key("held"))).as("as read ahead").isEqualTo("ACQUIRED");
                assertThat(delegate.selectTriggerState(connection, key("held"))).as("read again").isEqualTo("PAUSED");
                assertThat(delegate.holdsAcquisition(connection, key("held"))).isTrue();
                assertThat(delegate.holdsAcquisition(connection, key("held"))).as("not known any more").isNull();
            }
            finally {
                Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET trigger_state = 'ACQUIRED' WHERE trigger_name = 'held'");
            }
        }
    }

    @Test
    void aJobQuartzKeepsFromOverlappingHasItsTriggerStateReadWhenAsked()
            throws Exception
    {
        // firing such a job blocks its other triggers within the same transaction: a state read ahead could be stale
        ReadAheadDelegate delegate = delegate();
        AtomicInteger statements = new AtomicInteger();
        try (Connection connection = testDatabase.connect()) {
            Connection counted = counting(connection, statements);
            delegate.readAheadForFiring(counted, List.of(trigger("no-overlap", "entry-no-overlap")));

            assertThat(delegate.holdsAcquisition(counted, key("no-overlap"))).isNull();
            assertThat(delegate.selectTriggerState(counted, key("no-overlap"))).isEqualTo("ACQUIRED");
            assertThat(statements).as("the read-ahead, then the state read").hasValue(2);
        }
    }

    @Test
    void anAcquisitionReadsTheDueTriggersWithTheirJobs()
            throws Exception
    {
        ReadAheadDelegate delegate = delegate();
        Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET trigger_state = 'WAITING', next_fire_time = ? WHERE trigger_name = 'taken-back'", DUE - 1);
        AtomicInteger statements = new AtomicInteger();
        try (Connection connection = testDatabase.connect()) {
            Connection counted = counting(connection, statements);
            List<TriggerKey> due = delegate.selectTriggerToAcquire(counted, DUE + 1, 0, 5);

            assertThat(due).containsExactly(key("taken-back"));
            assertThat(delegate.selectJobDetail(counted, QuartzKeys.jobKey("plain"), classes).getJobDataMap().getString("answer")).isEqualTo("42");
            assertThat(statements).hasValue(1);
            delegate.forget();
            assertThat(delegate.selectJobDetail(counted, QuartzKeys.jobKey("plain"), classes)).as("read again").isNotNull();
            assertThat(statements).hasValue(2);
        }
        finally {
            Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET trigger_state = 'ACQUIRED', next_fire_time = ? WHERE trigger_name = 'taken-back'", DUE);
        }
    }

    @Test
    void aReadAheadAnswersOnlyOnItsOwnConnection()
            throws Exception
    {
        ReadAheadDelegate delegate = delegate();
        try (Connection first = testDatabase.connect(); Connection second = testDatabase.connect()) {
            delegate.readAheadForFiring(first, List.of(trigger("taken-back", "entry-taken")));
            assertThat(delegate.hasReadAhead(second)).isFalse();
            assertThat(delegate.holdsAcquisition(second, key("taken-back"))).isNull();
            assertThat(delegate.holdsAcquisition(first, key("taken-back"))).isFalse();
        }
    }

    private static ReadAheadDelegate delegate()
            throws Exception
    {
        ReadAheadDelegate delegate = new ReadAheadDelegate();
        delegate.initialize(LoggerFactory.getLogger(ReadAheadDelegateTest.class), "netcron.qrtz_", schedulerName, NODE, classes, true, null);
        return delegate;
    }

    private static OperableTrigger trigger(String name, String entryId)
    {
        OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger().withIdentity(key(name)).forJob(QuartzKeys.jobKey("plain")).build();
        trigger.setFireInstanceId(entryId);
        return trigger;
    }

    private static TriggerKey key(String name)
    {
        return new TriggerKey(name, QuartzKeys.GROUP);
    }

    /** {@code connection}, counting the statements prepared on it. */
    private static Connection counting(Connection connection, AtomicInteger statements)
    {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
            if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                statements.incrementAndGet();
            }
            try {
                return method.invoke(connection, arguments);
            }
            catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @DisallowConcurrentExecution
    public static final class NoOverlap
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context) {}
    }
}
