package io.netcron.server.cli;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netcron run} in its own process: exit codes, printed result, recorded run. */
@MultiJvm
class RunCommandTest
{
    @ClassDatabase
    private static TestDatabase database;
    private static Map<String, String> environment;

    @BeforeAll
    static void nodeEnvironment()
    {
        Map<String, String> variables = new HashMap<>(database.environment());
        variables.put("NETCRON_NODE_ID", "cli-test");
        environment = Map.copyOf(variables);
    }

    @Test
    void printsTheResultAsJsonAndExitsZeroOnSuccess()
    {
        NodeProcess run = NodeProcess.start("run-ok", environment, "run", "sleep", "--param", "duration_ms=5");
        assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.output()).isZero();
        assertThat(run.output()).contains("{\"slept_ms\":5}");
        assertThat(Sql.value(database, "SELECT status FROM netcron.job_run WHERE job_name = 'sleep' AND cause = 'manual'")).isEqualTo("succeeded");
    }

    @Test
    void aParamThatDoesNotFitTheJobsParamsRecordIsAUserErrorNamingTheField()
    {
        NodeProcess run = NodeProcess.start("run-bad-param", environment, "run", "sleep", "--param", "duration_ms=-1");
        assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("job sleep: params: duration_ms must be >= 0, got -1").doesNotContain("\tat ");
    }

    @Test
    void progressIsPrintedAsPlainLinesWhenStderrIsNotATerminal()
    {
        NodeProcess run = NodeProcess.start("run-progress", environment, "run", "sleep", "--param", "duration_ms=2500");
        assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("netcron: sleep progress \\d+/2500 \\(\\d+%\\)");
    }

    @Test
    void exitsOneWithTheErrorMessageWhenTheJobThrows()
    {
        NodeProcess run = NodeProcess.start("run-fail", environment, "run", "test-failing");
        assertThat(run.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(run.output())
                .contains("device answered malformed JSON at line 3")
                .doesNotContain("\tat io.netcron");
        assertThat(Sql.rows(database, "SELECT status, error FROM netcron.job_run WHERE job_name = 'test-failing'"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("failed");
                    assertThat((String) row.get("error")).contains("device answered malformed JSON at line 3");
                });
    }

    @Test
    void rejectsAnUnknownJobWithOneLineAndExitCodeTwo()
    {
        NodeProcess run = NodeProcess.start("run-unknown", environment, "run", "no-such-job");
        assertThat(run.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(run.output().strip()).startsWith("netcron: unknown job 'no-such-job'").doesNotContain("Exception");
    }
}
