package io.netcron.server;

import io.netcron.server.catalog.JobDiscoveryException;
import io.netcron.credentials.CredentialException;
import io.netcron.server.cli.AlertsCommand;
import io.netcron.server.cli.CheckConfigCommand;
import io.netcron.server.cli.CredentialsCommand;
import io.netcron.server.cli.DbCommand;
import io.netcron.server.cli.DepsCommand;
import io.netcron.server.cli.ExitCodes;
import io.netcron.server.cli.HealthCommand;
import io.netcron.server.cli.HistoryCommand;
import io.netcron.server.cli.HostkeysCommand;
import io.netcron.server.cli.JobsCommand;
import io.netcron.server.cli.MigratePythonCommand;
import io.netcron.server.cli.NodesCommand;
import io.netcron.server.cli.PauseCommand;
import io.netcron.server.cli.ResumeCommand;
import io.netcron.server.cli.RunCommand;
import io.netcron.server.cli.ScheduleCommand;
import io.netcron.server.cli.ServerCommand;
import io.netcron.server.cli.TriggerCommand;
import io.netcron.server.errors.Errors;
import io.netcron.server.errors.UserException;
import io.netcron.server.config.ConfigException;
import io.netcron.server.db.embedded.EmbeddedPostgresException;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netcron}: one class per command; user errors are one line and a non-zero exit code. */
@Command(name = "netcron", mixinStandardHelpOptions = true, version = "netcron 0.1.0",
        description = "Clustered job server for network automation.",
        subcommands = {
                ServerCommand.class,
                RunCommand.class,
                JobsCommand.class,
                HistoryCommand.class,
                NodesCommand.class,
                PauseCommand.class,
                ResumeCommand.class,
                ScheduleCommand.class,
                TriggerCommand.class,
                CredentialsCommand.class,
                HostkeysCommand.class,
                AlertsCommand.class,
                DepsCommand.class,
                DbCommand.class,
                CheckConfigCommand.class,
                HealthCommand.class,
                MigratePythonCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main
{
    public static final int EXIT_FAILURE = ExitCodes.FAILURE;
    public static final int EXIT_USAGE = ExitCodes.USAGE;

    public static void main(String[] args)
    {
        // commands other than the node keep stdout/stderr for their answer: only warnings are logged
        if (System.getenv("NETCRON_LOG_LEVEL") == null && (args.length == 0 || !args[0].equals("server"))) {
            System.setProperty("NETCRON_LOG_LEVEL", "WARN");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(execute(args));
    }

    public static int execute(String... args)
    {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> handle(error))
                .execute(args);
    }

    private static int handle(Exception error)
    {
        return switch (error) {
            case ConfigException e -> fail(e.getMessage(), EXIT_USAGE);
            case JobDiscoveryException e -> fail(e.getMessage(), EXIT_USAGE);
            case UserException e -> fail(e.getMessage(), EXIT_USAGE);
            case CredentialException e -> fail(e.getMessage(), EXIT_USAGE);
            case EmbeddedPostgresException e -> fail("embedded PostgreSQL: " + e.getMessage(), EXIT_FAILURE);
            default -> {
                if (System.getenv("NETCRON_DEBUG") != null) {
                    error.printStackTrace();
                }
                yield fail(Errors.oneLine(error) + " (set NETCRON_DEBUG=1 for details)", EXIT_FAILURE);
            }
        };
    }

    private static int fail(String message, int code)
    {
        System.err.println("netcron: " + message);
        return code;
    }

}
