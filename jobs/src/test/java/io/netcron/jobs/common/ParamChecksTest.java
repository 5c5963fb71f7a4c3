package io.netcron.jobs.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamChecksTest
{
    @Test
    void anAbsentListIsEmptyAndAGivenOneIsCopied()
    {
        List<String> given = new ArrayList<>(List.of("a"));
        List<String> copy = ParamChecks.list(given);
        given.add("b");

        assertThat(ParamChecks.<String>list(null)).isEmpty();
        assertThat(copy).containsExactly("a");
    }

    @Test
    void fanOutFieldsAreCheckedByTheirJsonNames()
    {
        assertThatThrownBy(() -> ParamChecks.fanOut(0, 0.5)).hasMessage("concurrency must be >= 1, got 0");
        assertThatThrownBy(() -> ParamChecks.fanOut(4, 1.5)).hasMessage("max_failure_share must be within 0..1, got 1.5");
        assertThatThrownBy(() -> ParamChecks.fanOut(4, Double.NaN)).hasMessage("max_failure_share must be within 0..1, got NaN");
        assertThatNoException().isThrownBy(() -> ParamChecks.fanOut(1, 0));
    }

    @Test
    void portsAndTimeoutsNameTheirField()
    {
        assertThatThrownBy(() -> ParamChecks.port("eapi_port", 65536)).hasMessage("eapi_port must be between 1 and 65535, got 65536");
        assertThatThrownBy(() -> ParamChecks.positive("timeout_ms", 0)).hasMessage("timeout_ms must be > 0, got 0");
        assertThatNoException().isThrownBy(() -> ParamChecks.port("ssh_port", 22));
    }

    @Test
    void aBlankCredentialAndABadRegexAreRefused()
    {
        assertThatThrownBy(() -> ParamChecks.credential(" ")).hasMessage("credential must name a stored credential");
        assertThatThrownBy(() -> ParamChecks.regexes("extra_filters", List.of("^ok$", "(unclosed"))).hasMessage("extra_filters: not a regex: (unclosed");
    }
}
