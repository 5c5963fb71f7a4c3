package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import io.netcron.report.ReportFiles;
import io.netcron.server.config.ReportsConfig;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** CSV and JSON report files in {@code reports.dir}, names stamped in UTC. */
public final class ReportFilesModule
        extends AbstractModule
{
    private final ReportsConfig config;

    public ReportFilesModule(ReportsConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure()
    {
        bind(ReportFiles.class).toInstance(new ReportFiles(config.directory(), Clock.systemUTC()));
    }
}
