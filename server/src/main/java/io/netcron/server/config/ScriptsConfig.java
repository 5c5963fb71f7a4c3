package io.netcron.server.config;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** {@code scripts.*}: where script jobs live ({@code NETCRON_SCRIPTS_DIR}). */
public record ScriptsConfig(Path directory)
{
    public static final String DEFAULT_DIRECTORY = "./scripts";

    public ScriptsConfig
    {
        requireNonNull(directory, "directory is null");
    }

    /** {@code scripts.dir}, by default {@code ./scripts} (resolved against the working directory). */
    public static ScriptsConfig from(Settings settings)
    {
        return new ScriptsConfig(Path.of(settings.string("scripts.dir", DEFAULT_DIRECTORY)).toAbsolutePath().normalize());
    }
}
