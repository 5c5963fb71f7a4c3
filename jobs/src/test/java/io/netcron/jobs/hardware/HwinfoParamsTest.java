package io.netcron.jobs.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcron.job.InvalidParamsException;
import io.netcron.job.JobParams;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HwinfoParamsTest
{
    static final List<Class<? extends NetcronJob>> JOBS = List.of(RefreshHwinfoArista.class, RefreshHwinfoAruba.class, RefreshHwinfoF5.class,
            RefreshHwinfoPaloAlto.class, RefreshHwinfoVersa.class, RefreshHwinfoHpe.class, RefreshHwinfoSsh.class, RefreshHwinfoAnsible.class);

    @Test
    void defaultsAreWrittenWithSnakeCaseNames()
    {
        JsonNode defaults = JobParams.defaults(HwinfoParams.class);

        assertThat(defaults.path("status").get(0).asText()).isEqualTo("active");
        assertThat(defaults.path("dry_run").asBoolean()).isFalse();
        assertThat(defaults.path("concurrency").asInt()).isEqualTo(32);
        assertThat(defaults.path("per_device_timeout").asText()).isEqualTo("PT1M");
        assertThat(defaults.path("failure_share").asDouble()).isEqualTo(0.5);
        assertThat(defaults.path("sw_version_field").asText()).isEqualTo("sw_version");
        assertThat(defaults.path("refreshed_at_field").asText()).isEqualTo("hwinfo_refreshed_at");
    }

    @Test
    void aFailureShareAboveOneIsRefusedNamingTheField()
    {
        assertThatThrownBy(() -> JobParams.bind(JobParams.toJson(HwinfoParams.defaults()).put("failure_share", 2), HwinfoParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessageContaining("failure_share must be within 0..1");
    }

    @Test
    void everyPlatformHasItsOwnJobNameAndDefaultSchedule()
    {
        Set<String> names = JOBS.stream().map(job -> job.getAnnotation(JobSpec.class).name()).collect(Collectors.toSet());
        Set<String> schedules = JOBS.stream().map(job -> job.getAnnotation(JobSpec.class).schedule()).collect(Collectors.toSet());

        assertThat(names).containsExactlyInAnyOrder("refresh-hwinfo-arista", "refresh-hwinfo-aruba", "refresh-hwinfo-f5", "refresh-hwinfo-paloalto",
                "refresh-hwinfo-versa", "refresh-hwinfo-hpe", "refresh-hwinfo-ssh", "refresh-hwinfo-ansible");
        assertThat(schedules).hasSize(JOBS.size()).doesNotContain("");
        assertThat(JOBS).allSatisfy(job -> assertThat(job.getAnnotation(JobSpec.class).paramsType()).isEqualTo(HwinfoParams.class));
    }

    @Test
    void paramsWrittenBeforeConnectionExistedStillBind()
    {
        HwinfoParams params = JobParams.bind(JobParams.toJson(HwinfoParams.defaults()).without("connection"), HwinfoParams.class);

        assertThat(params.connection()).isEqualTo(ConnectionParams.none());
        assertThat(JobParams.defaults(HwinfoParams.class).path("connection").path("tls_insecure").asBoolean()).isFalse();
    }

    @Test
    void theJobsConnectionParamsAreBoundFromSnakeCaseNames()
    {
        HwinfoParams params = JobParams.bind(connection("{\"port\": 8443, \"scheme\": \"HTTP\", \"tls_ca_file\": \"/etc/ca.pem\", \"api_version\": \"v10.09\"}"),
                HwinfoParams.class);

        assertThat(params.connection()).isEqualTo(new ConnectionParams(8443, "http", "", "/etc/ca.pem", false, "v10.09"));
    }

    @Test
    void aConnectionPortOutOfRangeIsRefusedNamingTheField()
    {
        assertThatThrownBy(() -> JobParams.bind(connection("{\"port\": 70000}"), HwinfoParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessageContaining("connection.port must be within 1..65535");
    }

    @Test
    void aConnectionPinThatIsNoFingerprintIsRefusedNamingTheField()
    {
        assertThatThrownBy(() -> JobParams.bind(connection("{\"tls_pin\": \"not-a-pin\"}"), HwinfoParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessageContaining("connection.tls_pin");
    }

    @Test
    void twoTlsTrustsInTheConnectionAreRefused()
    {
        assertThatThrownBy(() -> JobParams.bind(connection("{\"tls_insecure\": true, \"tls_ca_file\": \"/etc/ca.pem\"}"), HwinfoParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessageContaining("at most one of tls_pin, tls_ca_file and tls_insecure");
    }

    @Test
    void anUnknownConnectionFieldIsRefusedByName()
    {
        assertThatThrownBy(() -> JobParams.bind(connection("{\"prot\": 443}"), HwinfoParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessageContaining("unknown field 'prot'");
    }

    private static JsonNode connection(String json)
    {
        try {
            return JobParams.toJson(HwinfoParams.defaults()).set("connection", new ObjectMapper().readTree(json));
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
