package io.netcron.server.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The job types this node's code knows, by implementation (class name) and by job name. */
public final class JobCatalog
{
    private final Map<String, JobType> byImplementation = new LinkedHashMap<>();
    private final Map<String, JobType> byName = new LinkedHashMap<>();
    private final List<ClassLoader> pluginLoaders;

    public JobCatalog(Collection<JobType> types)
    {
        this(types, List.of());
    }

    /** {@code pluginLoaders}: the class loaders of the plugin jars, where plugin Guice modules are looked up. */
    public JobCatalog(Collection<JobType> types, List<ClassLoader> pluginLoaders)
    {
        this.pluginLoaders = List.copyOf(pluginLoaders);
        for (JobType type : types) {
            byImplementation.put(type.implementation(), type);
            byName.put(type.name(), type);
        }
    }

    /** This catalog plus {@code more} (script jobs); a name this catalog has already wins. */
    public JobCatalog plus(Collection<JobType> more)
    {
        List<JobType> all = new java.util.ArrayList<>(byImplementation.values());
        more.stream().filter(type -> !byName.containsKey(type.name()) && !byImplementation.containsKey(type.implementation())).forEach(all::add);
        return new JobCatalog(all);
    }

    public List<JobType> types()
    {
        return List.copyOf(byImplementation.values());
    }

    /** An {@code implementation} value: a class name, a script path, or a discovered job's name. */
    public Optional<JobType> find(String implementation)
    {
        return Optional.ofNullable(byImplementation.get(implementation)).or(() -> Optional.ofNullable(byName.get(implementation)));
    }

    public List<ClassLoader> pluginLoaders()
    {
        return pluginLoaders;
    }

    public Optional<JobType> byName(String name)
    {
        return Optional.ofNullable(byName.get(name));
    }
}
