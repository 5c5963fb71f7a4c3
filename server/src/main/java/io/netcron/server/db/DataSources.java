package io.netcron.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netcron.server.config.DatabaseConfig;

/** The node's one connection pool, shared by netcron's own code and Quartz. */
public final class DataSources
{
    private DataSources() {}

    public static HikariDataSource create(DatabaseLocation location, DatabaseConfig config, String poolName, String applicationName)
    {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(location.jdbcUrl());
        hikari.setUsername(location.user());
        location.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        // fail fast at start: a wrong URL or password is a user error, reported once
        hikari.setInitializationFailTimeout(config.connectTimeout().toMillis());
        hikari.addDataSourceProperty("ApplicationName", applicationName);
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(hikari);
    }
}
