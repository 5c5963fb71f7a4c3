package io.netcron.server.cli;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netcron run} of a script job found in NETCRON_SCRIPTS_DIR: registered as kind 'script', run recorded with output and result. */
@MultiJvm
class ScriptRunCommandTest
{
    @ClassDatabase
    private static TestDatabase database;

    @TempDir
    static Path scripts;

    @BeforeAll
    static void writeScripts()
            throws IOException
    {
        Path script = scripts.resolve("net/inventory.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                #!/bin/sh
                # netcron: name = inventory-count
                # netcron: schedule = 0 4 * * *
                # netcron: max_runtime = 5m
                echo "counting for $NETCRON_JOB with $NETCRON_PARAMS"
                echo '{"devices": 42}'
                """);
        Files.writeString(scripts.resolve("net/broken.sh"), "#!/bin/sh\necho 'no route to sw9' >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(scripts.resolve("net/broken.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> environment()
    {
        Map<String, String> variables = new HashMap<>(database.environment());
        variables.put("NETCRON_NODE_ID", "script-cli");
        variables.put("NETCRON_SCRIPTS_DIR", scripts.toString());
        return variables;
    }

    @Test
    void aScriptRunIsRecordedWithItsOutputAndResult()
    {
        NodeProcess run = NodeProcess.start("run-script", environment(), "run", "inventory-count", "--param", "site=fra1");
        assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.output()).isZero();
        assertThat(run.output()).contains("{\"devices\":42}");
        assertThat(Sql.rows(database, "SELECT kind, implementation, schedule FROM netcron.job WHERE name = 'inventory-count'"))
                .containsExactly(Map.of("kind", "script", "implementation", "net/inventory.sh", "schedule", "0 4 * * *"));
        assertThat(Sql.rows(database, "SELECT status, result::text AS result, output FROM netcron.job_run WHERE job_name = 'inventory-count'"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("succeeded");
                    assertThat(row.get("result")).isEqualTo("{\"devices\": 42}");
                    assertThat((String) row.get("output")).contains("counting for inventory-count with {\"site\":\"fra1\"}");
                });
    }

    @Test
    void aScriptExitingNonZeroIsRecordedFailedWithItsExitCode()
    {
        NodeProcess run = NodeProcess.start("run-broken", environment(), "run", "broken");
        assertThat(run.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(Sql.value(database, "SELECT error FROM netcron.job_run WHERE job_name = 'broken'")).isEqualTo("exit code 3: no route to sw9");
    }
}
