package io.netcron.server.catalog;

import com.google.inject.AbstractModule;

import static java.util.Objects.requireNonNull;

public final class CatalogModule
        extends AbstractModule
{
    private final JobCatalog catalog;

    public CatalogModule(JobCatalog catalog)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    protected void configure()
    {
        bind(JobCatalog.class).toInstance(catalog);
    }
}
