package io.netcron.server.catalog;

import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.MisfirePolicy;
import io.netcron.job.NetcronJob;
import io.netcron.jobs.system.ClusterCheckJob;
import io.netcron.jobs.system.SleepJob;
import io.netcron.jobs.system.SleepParams;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JobDiscoveryTest
{
    @Test
    void findsBuiltInJobsWithNothingToRegister()
    {
        JobCatalog catalog = JobDiscovery.discover(Optional.empty());
        assertThat(catalog.byName("cluster-check")).map(JobType::jobClass).contains(ClusterCheckJob.class);
        assertThat(catalog.byName("sleep")).map(JobType::jobClass).contains(SleepJob.class);
        assertThat(catalog.find(SleepJob.class.getName())).isPresent();
        assertThat(catalog.find("sleep")).as("a job name also works as implementation").isPresent();
    }

    @Test
    void annotationDefaultsAreRead()
    {
        List<String> problems = new ArrayList<>();
        JobType type = JobDiscovery.fromAnnotation(ClusterCheckJob.class, problems).orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(type.defaults().schedule()).contains("0 * * * * ?");
        assertThat(type.defaults().maxRuntime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(type.defaults().misfirePolicy()).isEqualTo(MisfirePolicy.FIRE_ONCE_NOW);
    }

    @Test
    void badDeclarationsAreEachReported()
    {
        List<String> problems = new ArrayList<>();
        assertThat(JobDiscovery.fromAnnotation(BadJob.class, problems)).isEmpty();
        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems))
                .contains("schedule: 'every day' has 2 fields")
                .contains("unknown time zone 'Mars/Olympus'")
                .contains("maxRuntime must be a duration")
                .contains("params is not valid JSON");
    }

    @Test
    void theParamsRecordsJavaDefaultsAreTheParamsWrittenAtDiscovery()
    {
        JobType type = JobDiscovery.fromAnnotation(SleepJob.class, new ArrayList<>()).orElseThrow();
        assertThat(type.defaults().paramsJson()).isEqualTo("{\"duration_ms\":0,\"fail_rate\":0.0}");
        assertThat(type.paramsType()).contains(SleepParams.class);
    }

    @Test
    void aParamsRecordWhoseDefaultsBreakItsOwnRulesIsReported()
    {
        List<String> problems = new ArrayList<>();
        assertThat(JobDiscovery.fromAnnotation(BadDefaultsJob.class, problems)).isEmpty();
        assertThat(problems).singleElement().asString().contains("cannot be bound from its defaults: params: limit must be > 0");
    }

    public record LimitParams(int limit)
    {
        public LimitParams
        {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be > 0");
            }
        }

        public static LimitParams defaults()
        {
            return new LimitParams(0);
        }
    }

    @JobSpec(name = "bad-defaults", paramsType = LimitParams.class)
    static final class BadDefaultsJob
            implements NetcronJob
    {
        @Override
        public JobResult execute(JobContext context)
        {
            return JobResult.empty();
        }
    }

    @JobSpec(name = "bad", schedule = "every day", timeZone = "Mars/Olympus", maxRuntime = "forever", params = "{nope")
    static final class BadJob
            implements NetcronJob
    {
        @Override
        public JobResult execute(JobContext context)
        {
            return JobResult.empty();
        }
    }
}
