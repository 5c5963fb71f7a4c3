package io.netcron.server.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Scopes;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netcron.metrics.JobMetrics;
import io.netcron.server.clients.JobMetricsModule;
import io.netcron.server.testing.PrometheusText;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerJobMetricsTest
{
    private final PrometheusMeterRegistry registry = MetricsRegistries.create("n1");
    private final MicrometerJobMetrics metrics = new MicrometerJobMetrics(registry);

    @Test
    void aGaugeShowsItsLatestValueOnTheScrape()
    {
        metrics.gauge("netcron.console.up", Map.of("console", "ilo1"), 1);
        metrics.gauge("netcron.console.up", Map.of("console", "ilo1"), 0);
        metrics.gauge("netcron.console.up", Map.of("console", "ilo2"), 1);

        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertThat(text.sum("netcron_console_up", Map.of("console", "ilo1"))).isEqualTo(0);
        assertThat(text.sum("netcron_console_up", Map.of("console", "ilo2", "node", "n1"))).isEqualTo(1);
    }

    @Test
    void countersAdd()
    {
        metrics.count("netcron.dns.responses", Map.of("rcode", "servfail"), 1);
        metrics.count("netcron.dns.responses", Map.of("rcode", "servfail"), 2);

        assertThat(PrometheusText.parse(registry.scrape()).sum("netcron_dns_responses_total", Map.of("rcode", "servfail"))).isEqualTo(3);
    }

    @Test
    void aMeterMicrometerRefusesIsDroppedWithoutFailingTheJob()
    {
        metrics.count("netcron.same.name", Map.of(), 1);
        metrics.gauge("netcron.same.name", Map.of(), 1); // a gauge under a counter's name

        assertThat(PrometheusText.parse(registry.scrape()).sum("netcron_same_name_total", Map.of())).isEqualTo(1);
    }

    @Test
    void withoutTheNodesMetricsJobsGetTheNoOp()
    {
        JobMetrics bound = Guice.createInjector(new JobMetricsModule()).getInstance(JobMetrics.class);

        assertThat(bound).isSameAs(JobMetrics.none());
    }

    @Test
    void theNodesMetricsModuleBindingWinsOverTheNoOp()
    {
        JobMetrics bound = Guice.createInjector(new JobMetricsModule(), new AbstractModule()
        {
            @Override
            protected void configure()
            {
                bind(MeterRegistry.class).toInstance(registry);
                OptionalBinder.newOptionalBinder(binder(), JobMetrics.class).setBinding().to(MicrometerJobMetrics.class).in(Scopes.SINGLETON);
            }
        }).getInstance(JobMetrics.class);

        assertThat(bound).isInstanceOf(MicrometerJobMetrics.class);
    }
}
