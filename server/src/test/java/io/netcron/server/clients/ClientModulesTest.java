package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.IpamFilter;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.NetBoxClient;
import io.netcron.job.Deadline;
import io.netcron.jobs.monitoring.ConsoleHealthMonitorJob;
import io.netcron.jobs.monitoring.DnsAvailabilityMonitorJob;
import io.netcron.jobs.reports.IpamReportJob;
import io.netcron.metrics.JobMetrics;
import io.netcron.report.SplunkEvent;
import io.netcron.report.SplunkHec;
import io.netcron.server.config.ConfigModule;
import io.netcron.server.config.NetcronConfig;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientModulesTest
{
    private static Injector injector(Map<String, String> environment, Module... extra)
    {
        NetcronConfig config = NetcronConfig.load(Optional.empty(), environment);
        List<Module> modules = new ArrayList<>(List.of(new ConfigModule(config)));
        modules.addAll(ClientModules.all(config));
        // a test's own bindings replace the node's (e.g. fixed credentials instead of the store)
        return Guice.createInjector(Modules.override(modules).with(extra));
    }

    @Test
    void ipamWithoutUrlIsInjectableAndEachCallSaysWhatToSet()
    {
        Ipam ipam = injector(Map.of()).getInstance(Ipam.class);
        assertThatThrownBy(() -> ipam.devices(IpamFilter.all(), Deadline.none()))
                .isInstanceOf(TargetException.class)
                .hasMessage("ipam.url is not set (NETCRON_IPAM_URL)");
    }

    @Test
    void ipamWithUrlIsNetBox()
    {
        assertThat(injector(Map.of("NETCRON_IPAM_URL", "https://netbox.example.net")).getInstance(Ipam.class)).isInstanceOf(NetBoxClient.class);
    }

    @Test
    void splunkWithoutUrlIsInjectableAndSendingSaysWhatToSet()
    {
        SplunkHec hec = injector(Map.of()).getInstance(SplunkHec.class);
        assertThatThrownBy(() -> hec.send(SplunkEvent.of("x"), Deadline.none()))
                .isInstanceOf(TargetException.class)
                .hasMessage("splunk.url is not set (NETCRON_SPLUNK_URL)");
    }

    @Test
    void oneSharedHttpClient()
    {
        Injector injector = injector(Map.of());
        assertThat(injector.getInstance(SharedHttpClient.class)).isSameAs(injector.getInstance(SharedHttpClient.class));
    }

    @Test
    void aCredentialStoreBoundElsewhereIsUsed()
    {
        Credentials store = Credentials.of(Map.of());
        Injector injector = injector(Map.of(), new AbstractModule()
        {
            @Override
            protected void configure()
            {
                bind(Credentials.class).toInstance(store);
            }
        });
        assertThat(injector.getInstance(Credentials.class)).isSameAs(store);
        assertThat(injector.getInstance(Ipam.class)).isNotNull();
    }

    @Test
    void theMonitoringAndReportJobsAreWiredFromTheClientsAloneWithNoOpMetrics()
    {
        Injector injector = injector(Map.of(), new AbstractModule()
        {
            @Override
            protected void configure()
            {
                bind(Credentials.class).toInstance(Credentials.of(Map.of()));
            }
        });
        assertThat(injector.getInstance(ConsoleHealthMonitorJob.class)).isNotNull();
        assertThat(injector.getInstance(DnsAvailabilityMonitorJob.class)).isNotNull();
        assertThat(injector.getInstance(IpamReportJob.class)).isNotNull();
        assertThat(injector.getInstance(JobMetrics.class)).isSameAs(JobMetrics.none());
    }
}
