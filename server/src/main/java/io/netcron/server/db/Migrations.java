package io.netcron.server.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Applies {@code sql/V*.sql} with Flyway. Flyway takes a PostgreSQL advisory lock while it
 * migrates, so nodes starting together on an empty database queue up instead of colliding.
 */
public final class Migrations
{
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    public static final String SCHEMA = "netcron";

    private Migrations() {}

    public static MigrateResult migrate(DataSource dataSource)
    {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .table("schema_history")
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Database schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
        }
        return result;
    }
}
