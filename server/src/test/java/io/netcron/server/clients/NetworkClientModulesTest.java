package io.netcron.server.clients;

import com.google.inject.Guice;
import com.google.inject.util.Modules;
import io.netcron.server.config.ConfigModule;
import com.google.inject.Injector;
import io.netcron.dns.DnsClient;
import io.netcron.git.GitClient;
import io.netcron.reach.Reachability;
import io.netcron.report.ReportFiles;
import io.netcron.server.config.NetcronConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkClientModulesTest
{
    @Test
    void jobsGetTheNetworkClientsConfigured()
    {
        NetcronConfig config = NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_DNS_TIMEOUT", "1s",
                "NETCRON_REACH_MAX_CONCURRENCY", "7",
                "NETCRON_REPORTS_DIR", "/srv/reports",
                "NETCRON_GIT_AUTHOR_NAME", "Backup Bot"));

        Injector injector = Guice.createInjector(Modules.combine(new ConfigModule(config), Modules.combine(ClientModules.all(config))));

        assertThat(injector.getInstance(DnsClient.class).timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(injector.getInstance(Reachability.class).limits().maxConcurrency()).isEqualTo(7);
        assertThat(injector.getInstance(ReportFiles.class).directory()).isEqualTo(Path.of("/srv/reports"));
        assertThat(injector.getInstance(GitClient.class).author().name()).isEqualTo("Backup Bot");
    }
}
