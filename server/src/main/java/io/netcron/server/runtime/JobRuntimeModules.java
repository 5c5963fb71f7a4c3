package io.netcron.server.runtime;

import com.google.inject.Module;
import io.netcron.server.catalog.CatalogModule;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.clients.ClientModules;
import io.netcron.server.config.ConfigModule;
import io.netcron.server.config.NetcronConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * What a job's object graph is wired from, wherever the job runs (a node, {@code netcron run}, the
 * isolated child JVM): the configuration, the job catalog, the shared clients
 * ({@link ClientModules}) and the Guice modules plugin jars bring. A plugin jar declares its module
 * as a {@code java.util.ServiceLoader} provider of {@code com.google.inject.Module}
 * ({@code META-INF/services/com.google.inject.Module}).
 */
public final class JobRuntimeModules
{
    private static final Logger log = LoggerFactory.getLogger(JobRuntimeModules.class);

    private JobRuntimeModules() {}

    public static List<Module> of(NetcronConfig config, JobCatalog catalog)
    {
        List<Module> modules = new ArrayList<>();
        modules.add(new ConfigModule(config));
        modules.add(new CatalogModule(catalog));
        modules.addAll(ClientModules.all(config));
        modules.addAll(pluginModules(catalog));
        return modules;
    }

    /** The modules declared by plugin jars (not those of netcron's own class path, which the loaders also see). */
    public static List<Module> pluginModules(JobCatalog catalog)
    {
        List<Module> modules = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ClassLoader loader : catalog.pluginLoaders()) {
            try {
                for (ServiceLoader.Provider<Module> provider : ServiceLoader.load(Module.class, loader).stream().toList()) {
                    if (provider.type().getClassLoader() == loader && seen.add(provider.type().getName())) {
                        modules.add(provider.get());
                    }
                }
            }
            catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a plugin's Guice module cannot be loaded: " + e.getMessage(), e);
            }
        }
        if (!seen.isEmpty()) {
            log.info("Plugin Guice modules: {}", seen);
        }
        return modules;
    }
}
