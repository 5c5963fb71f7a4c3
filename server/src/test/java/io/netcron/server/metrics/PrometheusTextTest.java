package io.netcron.server.metrics;

import io.netcron.server.testing.PrometheusText;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test parser must be strict, or "the metrics parse" proves nothing. */
class PrometheusTextTest
{
    @Test
    void acceptsWellFormedExposition()
    {
        PrometheusText text = PrometheusText.parse("""
                # HELP runs_total Runs \\\\ with a \\n newline
                # TYPE runs_total counter
                runs_total{job_name="a\\"b",status="ok"} 3.0
                runs_total{job_name="c",status="ok",} 1 1700000000000
                # TYPE lat_seconds histogram
                lat_seconds_bucket{le="0.1"} 1
                lat_seconds_bucket{le="+Inf"} 2
                lat_seconds_count 2
                lat_seconds_sum 0.5
                # TYPE up gauge
                up NaN
                """);
        assertThat(text.sum("runs_total", Map.of("status", "ok"))).isEqualTo(4);
        assertThat(text.family("runs_total").orElseThrow().help()).isEqualTo("Runs \\ with a \n newline");
        assertThat(text.sum("runs_total", Map.of("job_name", "a\"b"))).isEqualTo(3);
    }

    @Test
    void rejectsMalformedExposition()
    {
        assertRejected("# TYPE a counter\na_total{x=\"1} 1\n", "unterminated");
        assertRejected("# TYPE a counter\na_total{x=\"\\t\"} 1\n", "bad escape");
        assertRejected("# TYPE a counter\na_total{x=1} 1\n", "not quoted");
        assertRejected("b 1\n", "no TYPE");
        assertRejected("# TYPE a gauge\na one\n", "bad value");
        assertRejected("# TYPE a gauge\na 1\na 2\n", "duplicate series");
        assertRejected("# TYPE a gauge\n# TYPE a gauge\n", "second TYPE");
        assertRejected("# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 1\n", "not contiguous");
        assertRejected("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "cumulative");
        assertRejected("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n", "+Inf");
        assertRejected("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n", "_count");
        assertRejected("# TYPE 1a gauge\n", "bad metric name");
        assertRejected("# TYPE a gauge\na 1", "line feed");
    }

    private static void assertRejected(String text, String reason)
    {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
