package io.netcron.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobParamsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Mode { FAST, THOROUGH }

    public record ProbeParams(long timeoutMs, List<String> servers, Mode mode, String site)
    {
        public ProbeParams
        {
            if (timeoutMs < 0) {
                throw new IllegalArgumentException("timeout_ms must be >= 0");
            }
            servers = servers == null ? List.of() : List.copyOf(servers);
        }

        public static ProbeParams defaults()
        {
            return new ProbeParams(2000, List.of("127.0.0.1"), Mode.FAST, null);
        }
    }

    @Test
    void missingFieldsTakeTheJavaDefaults()
            throws Exception
    {
        ProbeParams params = JobParams.bind(JSON.readTree("{\"site\": \"fra1\"}"), ProbeParams.class);

        assertThat(params).isEqualTo(new ProbeParams(2000, List.of("127.0.0.1"), Mode.FAST, "fra1"));
    }

    @Test
    void defaultsAreTheJsonWrittenAtDiscoveryInSnakeCase()
    {
        assertThat(JobParams.defaults(ProbeParams.class).toString())
                .isEqualTo("{\"timeout_ms\":2000,\"servers\":[\"127.0.0.1\"],\"mode\":\"FAST\",\"site\":null}");
    }

    @Test
    void unknownFieldIsNamedWithTheKnownOnes()
    {
        assertThatThrownBy(() -> JobParams.bind(JSON.readTree("{\"timeout\": 5}"), ProbeParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessage("params: unknown field 'timeout' (known: mode, servers, site, timeout_ms)");
    }

    @Test
    void wrongTypeNamesTheFieldAndTheExpectedType()
    {
        assertThatThrownBy(() -> JobParams.bind(JSON.readTree("{\"timeout_ms\": \"soon\"}"), ProbeParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessage("params: field 'timeout_ms' must be an integer, got \"soon\"");
        assertThatThrownBy(() -> JobParams.bind(JSON.readTree("{\"mode\": \"slow\"}"), ProbeParams.class))
                .hasMessage("params: field 'mode' must be one of FAST, THOROUGH, got \"slow\"");
    }

    @Test
    void constraintMessageFromTheRecordIsKept()
    {
        assertThatThrownBy(() -> JobParams.bind(JSON.readTree("{\"timeout_ms\": -1}"), ProbeParams.class))
                .isInstanceOf(InvalidParamsException.class)
                .hasMessage("params: timeout_ms must be >= 0");
    }

    public record Required(int limit) {}

    @Test
    void aPrimitiveWithoutDefaultIsRequired()
    {
        assertThatThrownBy(() -> JobParams.bind(JSON.readTree("{}"), Required.class))
                .hasMessage("params: field 'limit' is required (it has no default)");
    }

    @Test
    void paramsMustBeAnObject()
    {
        assertThatThrownBy(() -> JobParams.bind(JSON.readTree("[1]"), ProbeParams.class))
                .hasMessageStartingWith("params must be a JSON object");
    }
}
