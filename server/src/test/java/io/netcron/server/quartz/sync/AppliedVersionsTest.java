package io.netcron.server.quartz.sync;

import io.netcron.server.config.QuartzConfig;
import io.netcron.server.db.Database;
import io.netcron.server.quartz.firing.NetcronQuartzJob;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconcile reads every job's applied version in one statement from the job data Quartz itself
 * stored (with {@code useProperties}, as netcron configures it), not through one Quartz transaction per job.
 */
class AppliedVersionsTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static Scheduler quartz;

    @BeforeAll
    static void storeJobsThroughQuartz()
            throws Exception
    {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", QuartzConfig.DEFAULT_SCHEDULER_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", "versions-test");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
        properties.setProperty("org.quartz.jobStore.tablePrefix", "netcron.qrtz_");
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.dataSource", "qz");
        properties.setProperty("org.quartz.dataSource.qz.provider", "hikaricp");
        properties.setProperty("org.quartz.dataSource.qz.driver", "org.postgresql.Driver");
        properties.setProperty("org.quartz.dataSource.qz.URL", testDatabase.plainUrl());
        properties.setProperty("org.quartz.dataSource.qz.user", testDatabase.user());
        properties.setProperty("org.quartz.dataSource.qz.maxConnections", "2");
        testDatabase.password().ifPresent(password -> properties.setProperty("org.quartz.dataSource.qz.password", password));
        quartz = new StdSchedulerFactory(properties).getScheduler(); // never started: only stores
        quartz.addJob(JobBuilder.newJob(NetcronQuartzJob.class).withIdentity(QuartzKeys.jobKey("seven")).storeDurably()
                .usingJobData(QuartzKeys.VERSION, "7").usingJobData("other", "a=b: c").build(), true);
        quartz.addJob(JobBuilder.newJob(NetcronQuartzJob.class).withIdentity(QuartzKeys.jobKey("unversioned")).storeDurably().build(), true);
        quartz.addJob(JobBuilder.newJob(NetcronQuartzJob.class).withIdentity(JobKey.jobKey("elsewhere", "another-group")).storeDurably()
                .usingJobData(QuartzKeys.VERSION, "3").build(), true);
    }

    @AfterAll
    static void dropDatabase()
            throws Exception
    {
        if (quartz != null) {
            quartz.shutdown();
        }
    }

    @Test
    void everyNetcronJobsVersionComesFromOneStatementAsQuartzStoredIt()
    {
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.qrtz_job_details")).isEqualTo(3);

        assertThat(ScheduleSync.appliedVersions(database, List.of(QuartzConfig.DEFAULT_SCHEDULER_NAME)))
                .as("netcron's group only; no version yet reads as 0, as ScheduleSync.appliedVersion does")
                .containsOnly(org.assertj.core.api.Assertions.entry("seven", 7L), org.assertj.core.api.Assertions.entry("unversioned", 0L));
    }
}
