package io.netcron.server.script;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.job.RunCause;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.ScriptsConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Unchanged old-framework BaseTask modules run through the shim with python3. */
class PythonShimTest
{
    @TempDir
    Path root;

    private ScriptExecution execution;

    @BeforeEach
    void tree()
            throws IOException
    {
        LegacyTree.create(root);
        Credentials store = Credentials.of(Map.of("ipam", Credential.token("ipam", "tok-12345")));
        execution = new ScriptExecution(new ScriptsConfig(root), NodeConfig.from(Settings.of(Map.of("node.id", "node-p"))), store);
    }

    private RunEnd run(String name, String params)
    {
        JobType type = ScriptDiscovery.discover(root).types().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        RunStart start = new RunStart(name, Instant.parse("2026-01-01T00:00:00Z"), 1, RunCause.MANUAL, "node-p", false);
        return execution.execute(new RunPlan(start, type, params, Duration.ofSeconds(60)), 7);
    }

    @Test
    void anUnchangedBaseTaskRunsWithTheUsersOwnModulesAndNetcronsCredentials()
    {
        RunEnd end = run("count_devices", "{\"site\": \"fra1\"}");
        assertThat(end.status()).as(end.error() + "\n" + end.output()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.resultJson()).isEqualTo("{\"devices\":3,\"site\":\"fra1\"}");
        assertThat(end.output()).contains("token length 9").contains("[stderr] INFO count_devices: counting");
    }

    @Test
    void aTaskThatRaisesFailsWithItsTraceback()
            throws IOException
    {
        Files.writeString(root.resolve("scripts/backup/config_backup.py"), """
                from automation_core.base_task import BaseTask


                class ConfigBackup(BaseTask):
                    name = "config_backup"

                    def execute(self):
                        raise RuntimeError("git remote unreachable")
                """);
        RunEnd end = run("config_backup", "{}");
        assertThat(end.status()).isEqualTo(RunStatus.FAILED);
        assertThat(end.error()).startsWith("exit code 1: ").endsWith("RuntimeError: git remote unreachable");
    }

    @Test
    void aLegacyScriptRunsByItsShebang()
    {
        RunEnd end = run("cleanup_tmp", "{}");
        assertThat(end.status()).as(end.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.output()).isEqualTo("cleaned");
    }
}
