package io.netcron.server.config;

import java.nio.file.Path;

/** {@code reports.*}: where report files (CSV, JSON) are written. */
public record ReportsConfig(Path directory)
{
    public static final String DEFAULT_SUBDIRECTORY = "reports";

    /** {@code reports.dir}, by default {@code <data-dir>/reports}. */
    public static ReportsConfig from(Settings settings, Path dataDirectory)
    {
        return new ReportsConfig(settings.optional("reports.dir").map(Path::of).orElse(dataDirectory.resolve(DEFAULT_SUBDIRECTORY)).toAbsolutePath().normalize());
    }
}
