package io.netcron.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "db", description = "Database maintenance.", subcommands = DbCommand.Migrate.class)
public final class DbCommand
{
    @Command(name = "migrate", description = "Apply the schema migrations in sql/ (nodes also do this when they start).")
    public static final class Migrate
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call()
        {
            try (CliDatabase database = CliDatabase.open(options.load())) {
                String version = database.database().queryOne("SELECT max(version) FROM netcron.schema_history WHERE success", row -> row.getString(1)).orElse("none");
                System.out.println("Schema is at version " + version + " (" + database.located().location() + ")");
            }
            return 0;
        }
    }
}
