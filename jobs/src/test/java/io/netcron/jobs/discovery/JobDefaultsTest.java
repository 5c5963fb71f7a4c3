package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.InvalidParamsException;
import io.netcron.job.JobParams;
import io.netcron.job.JobSpec;
import io.netcron.jobs.backup.ConfigBackupJob;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What discovery writes into netcron.job for these jobs: names, schedules and params defaults that bind. */
class JobDefaultsTest
{
    @Test
    void eachJobHasAScheduleAndDefaultsThatBind()
    {
        Map<String, Class<?>> jobs = Map.of("config-backup", ConfigBackupJob.class, "svi-import", SviImportJob.class, "address-discovery", AddressDiscoveryJob.class);
        jobs.forEach((name, type) -> {
            JobSpec spec = type.getAnnotation(JobSpec.class);
            assertThat(spec.name()).isEqualTo(name);
            assertThat(spec.schedule()).isNotBlank();
            JsonNode defaults = JobParams.defaults(spec.paramsType());
            assertThat(defaults.path("max_failure_share").asDouble()).isEqualTo(0.5);
        });
    }

    @Test
    void addressDiscoveryDefaultsSweepOnlyTaggedPrefixesOverTcp()
    {
        JsonNode defaults = JobParams.defaults(AddressDiscoveryParams.class);

        assertThat(defaults.path("prefix_tags").toString()).isEqualTo("[\"discover\"]");
        assertThat(defaults.path("method").asText()).isEqualTo("tcp");
        assertThat(defaults.path("max_prefix_length").asInt()).isEqualTo(24);
    }

    @Test
    void aBadRegexInParamsIsRefusedNamingTheField()
    {
        assertThatThrownBy(() -> JobParams.bind(JobParams.toJson(SviImportParams.defaults()).put("exclude_interfaces", "x"), SviImportParams.class))
                .isInstanceOf(InvalidParamsException.class);
        assertThatThrownBy(() -> JobParams.bind(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .set("extra_filters", new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add("(")),
                io.netcron.jobs.backup.ConfigBackupParams.class))
                .isInstanceOf(InvalidParamsException.class).hasMessageContaining("extra_filters");
    }
}
