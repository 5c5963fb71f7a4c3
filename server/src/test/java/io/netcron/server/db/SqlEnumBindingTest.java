package io.netcron.server.db;

import io.netcron.job.MisfirePolicy;
import io.netcron.job.RunCause;
import io.netcron.server.run.RunStatus;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enums bound as statement parameters reach the database as their SQL names, which the check constraints accept. */
class SqlEnumBindingTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @Test
    void aSqlEnumIsBoundAsItsSqlName()
    {
        assertThat(database.queryOne("SELECT ?::text", row -> row.getString(1), RunCause.CATCH_UP)).contains("catch_up");
        assertThat(database.queryOne("SELECT ?::text", row -> row.getString(1), RunStatus.TIMED_OUT)).contains("timed_out");
    }

    @Test
    void checkConstraintsAcceptBoundEnums()
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation) VALUES ('enum-bound', 'sleep')");
        database.update("UPDATE netcron.job SET misfire_policy = ? WHERE name = 'enum-bound'", MisfirePolicy.CATCH_UP);
        assertThat(Sql.value(testDatabase, "SELECT misfire_policy FROM netcron.job WHERE name = 'enum-bound'")).isEqualTo("catch_up");
    }

    @Test
    void anEnumWithoutSqlNameIsRefused()
    {
        assertThatThrownBy(() -> database.queryOne("SELECT ?::text", row -> row.getString(1), ChronoUnit.DAYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SqlEnum");
    }
}
