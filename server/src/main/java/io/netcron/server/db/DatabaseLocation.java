package io.netcron.server.db;

import io.netcron.server.config.Settings;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where to connect; {@code password} is a secret and never printed. */
public record DatabaseLocation(String jdbcUrl, String user, Optional<String> password, boolean embedded)
{
    public DatabaseLocation
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    @Override
    public String toString()
    {
        return (embedded ? "embedded " : "") + Settings.maskPasswords(jdbcUrl) + " as " + user;
    }
}
