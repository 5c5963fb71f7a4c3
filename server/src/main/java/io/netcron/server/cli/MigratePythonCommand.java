package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.errors.Errors;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.script.LegacySchedules;
import io.netcron.server.script.ScriptDiscovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Moves an old Python framework tree onto netcron: its {@code BaseTask} modules (metadata parsed,
 * never executed), {@code config/schedules.yml} overrides and root-level legacy scripts become
 * script jobs in {@code netcron.job}. Rows are inserted once ({@code ON CONFLICT DO NOTHING}), so a
 * second run changes nothing and an operator's later edits are kept. What could not be mapped
 * goes to the report, with the reason.
 */
@Command(name = "migrate-python", description = "Register an old Python framework tree (BaseTask modules, schedules.yml, legacy scripts) as script jobs.")
public final class MigratePythonCommand
        implements Callable<Integer>
{
    static final String DEFAULT_REPORT = "netcron-migration-report.txt";

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "DIR", description = "The old framework's tree (with scripts/, config/schedules.yml, automation_core/)")
    Path directory;

    @Option(names = "--dry-run", description = "Print what would be registered; change nothing")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", description = "Where to write what could not be mapped (default: " + DEFAULT_REPORT + ")")
    Path report = Path.of(DEFAULT_REPORT);

    @Option(names = "--credentials", paramLabel = "FILE", description = "The old credential.ini (Fernet) to import into netcron's store")
    Path credentials;

    @Option(names = "--key-file", paramLabel = "K", description = "The Fernet key file for --credentials")
    Path keyFile;

    PrintStream out = System.out;

    @Override
    public Integer call()
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            throw new UserException("migrate-python: " + directory + " is not a directory");
        }
        if ((credentials == null) != (keyFile == null)) {
            throw new UserException("migrate-python: --credentials and --key-file go together");
        }
        Path tree = directory.toAbsolutePath().normalize();
        NetcronConfig config = options.load();
        ScriptDiscovery.Result found = ScriptDiscovery.discover(tree);
        List<String> notMapped = new ArrayList<>(found.problems());
        notMapped.addAll(found.notes());
        notMapped.addAll(unregistered(tree, found.types()));
        notMapped.addAll(unknownOverrides(tree, found.types()));

        Table table = new Table("ACTION", "NAME", "CATEGORY", "SCHEDULE", "MAX RUNTIME", "RETRIES", "IMPLEMENTATION");
        int inserted = 0;
        CliDatabase database = null;
        try {
            database = CliDatabase.open(config);
        }
        catch (RuntimeException e) {
            if (!dryRun) {
                throw e;
            }
            out.println("netcron: database not reachable (" + Errors.oneLine(e) + "); the dry run cannot tell which jobs already exist");
        }
        try {
            JobRepository jobs = database == null ? null : new JobRepository(database.database());
            for (JobType type : found.types()) {
                Optional<JobRow> existing = jobs == null ? Optional.empty() : jobs.find(type.name());
                String action;
                if (existing.isPresent()) {
                    action = existing.get().implementation().equals(type.implementation()) ? "exists" : "name taken";
                    if (!action.equals("exists")) {
                        notMapped.add(type.implementation() + ": job name '" + type.name() + "' is taken by " + existing.get().implementation() + "; not registered");
                    }
                }
                else if (dryRun) {
                    action = "would register";
                }
                else {
                    action = jobs.insertDefaults(type) ? "registered" : "exists";
                    inserted += action.equals("registered") ? 1 : 0;
                }
                table.add(action, type.name(), type.defaults().category(), type.defaults().schedule().orElse("on demand"),
                        Settings.format(type.defaults().maxRuntime()), Integer.toString(type.defaults().maxRetries()), type.implementation());
            }
        }
        finally {
            if (database != null) {
                database.close();
            }
        }
        table.print(out);
        if (credentials != null) {
            if (keyFile == null) {
                throw new UserException("--credentials needs --key-file (the Fernet key the old framework used)");
            }
            CredentialsImportFernetCommand.importFile(config, credentials, keyFile, "", dryRun, out);
        }
        writeReport(notMapped);
        out.println((dryRun ? "Dry run: " + found.types().size() + " jobs would be registered or kept, nothing changed" : inserted + " jobs registered, "
                + (found.types().size() - inserted) + " already there (left as they are)") + "; " + notMapped.size() + " items not mapped, see " + report);
        if (!config.scripts().directory().equals(tree)) {
            out.println("Nodes run these scripts from their scripts directory: set NETCRON_SCRIPTS_DIR=" + tree + " (scripts.dir; now " + config.scripts().directory() + ")");
        }
        return 0;
    }

    /** Python files under scripts/ that became no job (no BaseTask subclass, not executable). */
    private static List<String> unregistered(Path tree, List<JobType> types)
            throws IOException
    {
        Path scripts = tree.resolve("scripts");
        if (!Files.isDirectory(scripts)) {
            return List.of("scripts/: no such directory in " + tree);
        }
        Set<String> registered = types.stream().map(JobType::implementation).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(scripts)) {
            return files.filter(file -> file.toString().endsWith(".py") && !ScriptDiscovery.FRAMEWORK_FILES.contains(file.getFileName().toString()))
                    .map(file -> tree.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> !registered.contains(path) && !path.contains("__pycache__"))
                    .sorted()
                    .map(path -> path + ": no BaseTask subclass and no '# netcron:' header; not registered")
                    .toList();
        }
    }

    private static List<String> unknownOverrides(Path tree, List<JobType> types)
            throws IOException
    {
        LegacySchedules schedules = LegacySchedules.find(tree);
        Set<String> names = types.stream().map(JobType::name).collect(Collectors.toSet());
        return schedules.overrides().keySet().stream().filter(name -> !names.contains(name))
                .map(name -> "config/schedules.yml: '" + name + "' matches no task; not mapped").toList();
    }

    private void writeReport(List<String> notMapped)
            throws IOException
    {
        List<String> lines = new ArrayList<>();
        lines.add("# netcron migrate-python " + directory.toAbsolutePath().normalize() + (dryRun ? " (dry run)" : ""));
        lines.add("# what could not be mapped, and why (" + notMapped.size() + " items)");
        lines.addAll(notMapped);
        Files.write(report, lines, StandardCharsets.UTF_8);
    }
}
