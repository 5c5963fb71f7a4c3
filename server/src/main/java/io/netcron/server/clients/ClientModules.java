package io.netcron.server.clients;

import com.google.inject.Module;
import io.netcron.server.config.NetcronConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared clients a job can ask for in its constructor (credentials, IPAM, SSH, HTTP, DNS,
 * reachability, reporting, git, job metrics), one Guice module each. The node, {@code netcron run} and the
 * isolated child JVM all install this same list, so a job is wired the same way wherever it runs.
 */
public final class ClientModules
{
    private ClientModules() {}

    public static List<Module> all(NetcronConfig config)
    {
        List<Module> modules = new ArrayList<>();
        modules.add(new DnsModule(config.clients().dns()));
        modules.add(new ReachabilityModule(config.clients().reach()));
        modules.add(new ReportFilesModule(config.clients().reports()));
        modules.add(new GitModule(config.clients().git()));
        modules.add(new HttpClientModule());
        modules.add(new IpamModule());
        modules.add(new SplunkModule());
        modules.add(new CredentialsModule());
        modules.add(new SshModule());
        modules.add(new JobMetricsModule());
        return modules;
    }
}
