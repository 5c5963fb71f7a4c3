package io.netcron.server.catalog;

import io.netcron.job.NetcronJob;
import io.netcron.jobs.monitoring.ConsoleHealthMonitorJob;
import io.netcron.jobs.monitoring.DnsAvailabilityMonitorJob;
import io.netcron.jobs.reports.IpamReportJob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitoring and report jobs are discovered with their schedules, and their params records' defaults bind back. */
class MonitoringJobsDiscoveryTest
{
    @Test
    void monitoringAndReportJobsAreDiscovered()
    {
        JobCatalog catalog = JobDiscovery.discover(Optional.empty());

        assertThat(catalog.byName("console-health-monitor")).map(JobType::jobClass).contains(ConsoleHealthMonitorJob.class);
        assertThat(catalog.byName("dns-availability-monitor")).map(JobType::jobClass).contains(DnsAvailabilityMonitorJob.class);
        assertThat(catalog.byName("ipam-report")).map(JobType::jobClass).contains(IpamReportJob.class);
    }

    @Test
    void theirDeclarationsAndDefaultParamsHaveNoProblems()
    {
        for (Class<? extends NetcronJob> job : List.of(ConsoleHealthMonitorJob.class, DnsAvailabilityMonitorJob.class, IpamReportJob.class)) {
            List<String> problems = new ArrayList<>();
            JobType type = JobDiscovery.fromAnnotation(job, problems).orElseThrow();
            assertThat(problems).as(job.getSimpleName()).isEmpty();
            assertThat(type.defaults().schedule()).as(job.getSimpleName()).isPresent();
        }
    }
}
