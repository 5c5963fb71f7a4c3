package io.netcron.server.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Applies {@code sql/V*.sql} with Flyway. Flyway takes a PostgreSQL advisory lock while it
 * migrates, so nodes starting together on an empty database queue up instead of colliding.
 */
public final class Migrations
{
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    public static final String SCHEMA = "netcron";
    private static final String HISTORY_TABLE = "schema_history";
    /** The versions recorded as applied; what {@code /health/ready} compares with {@link #knownVersions}. */
    public static final String APPLIED_VERSIONS_SQL = "SELECT version FROM " + SCHEMA + "." + HISTORY_TABLE + " WHERE success AND version IS NOT NULL";

    private Migrations() {}

    public static MigrateResult migrate(DataSource dataSource)
    {
        MigrateResult result = flyway(new MigrationConnections(dataSource)).migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Database schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
        }
        return result;
    }

    /** The migration versions this node's code ships ({@code sql/V*.sql}), whether applied or not. */
    public static Set<String> knownVersions(DataSource dataSource)
    {
        return Arrays.stream(flyway(dataSource).info().all())
                .filter(migration -> migration.getState().isResolved() && migration.getVersion() != null)
                .map(migration -> migration.getVersion().getVersion())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Flyway flyway(DataSource dataSource)
    {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true)
                .load();
    }
}
