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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Script jobs run as real child processes (bash, python3). */
class ScriptExecutionTest
{
    @TempDir
    Path scripts;

    private ScriptExecution execution(Credentials credentials)
    {
        return new ScriptExecution(new ScriptsConfig(scripts), NodeConfig.from(Settings.of(Map.of("node.id", "node-s"))), credentials);
    }

    private RunEnd run(String implementation, String params, Duration maxRuntime)
    {
        return run(execution(Credentials.of(Map.of())), implementation, params, maxRuntime);
    }

    private RunEnd run(ScriptExecution execution, String implementation, String params, Duration maxRuntime)
    {
        JobType type = ScriptDiscovery.discover(scripts).types().stream().filter(t -> t.implementation().equals(implementation)).findFirst().orElseThrow();
        RunStart start = new RunStart(type.name(), Instant.parse("2026-01-01T00:00:00Z"), 2, RunCause.RETRY, "node-s", false);
        return execution.execute(new RunPlan(start, type, params, maxRuntime), 41);
    }

    private Path script(String path, String text)
            throws IOException
    {
        Path file = scripts.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void aRunKeepsItsOutputAndTheJsonLastLineIsTheResult()
            throws IOException
    {
        script("net/hello.sh", """
                #!/bin/bash
                # netcron: name = hello
                echo "job=$NETCRON_JOB run=$NETCRON_RUN_ID attempt=$NETCRON_ATTEMPT dir=$(pwd)"
                echo "params=$NETCRON_PARAMS"
                echo "a warning" >&2
                read -t 1 line && echo "stdin had: $line"
                echo '{"devices": 3, "ok": true}'
                """);
        RunEnd end = run("net/hello.sh", "{\"site\": \"fra1\"}", Duration.ofSeconds(30));
        assertThat(end.status()).as(end.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.resultJson()).isEqualTo("{\"devices\":3,\"ok\":true}");
        assertThat(end.output()).contains("job=hello run=41 attempt=2 dir=" + scripts.resolve("net").toRealPath())
                .contains("params={\"site\":\"fra1\"}")
                .contains("[stderr] a warning")
                .doesNotContain("stdin had");
    }

    @Test
    void exitCodeOneFailsTheRunWithTheCodeAndTheStderrTail()
            throws IOException
    {
        script("fail.sh", "#!/bin/sh\necho working\necho 'device sw1 refused login' >&2\nexit 1\n");
        RunEnd end = run("fail.sh", "{}", Duration.ofSeconds(30));
        assertThat(end.status()).isEqualTo(RunStatus.FAILED);
        assertThat(end.error()).isEqualTo("exit code 1: device sw1 refused login");
        assertThat(end.output()).contains("working");
    }

    @Test
    void atMaxRuntimeTheScriptAndTheChildItForkedAreKilled()
            throws Exception
    {
        Path pids = scripts.resolve("pids");
        script("slow.sh", "#!/bin/bash\nsleep 300 &\necho $$ > " + pids + "\necho $! >> " + pids + "\nwait\n");
        RunEnd end = run("slow.sh", "{}", Duration.ofSeconds(2));
        assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(end.error()).startsWith("max runtime 2s exceeded: script process ").contains("(2 processes) killed");
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(started).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid).isFalse()));
    }

    @Test
    void processesAFinishedScriptLeftRunningAreKilledWithTheRun()
            throws Exception
    {
        Path pids = scripts.resolve("bg-pid");
        script("bg.sh", "#!/bin/bash\nsleep 300 >/dev/null 2>&1 &\necho $! > " + pids + "\nsleep 1\necho '{}'\n");
        RunEnd end = run("bg.sh", "{}", Duration.ofSeconds(30));
        assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.output()).contains("netcron: killed 1 processes the script left running");
        long pid = Long.parseLong(Files.readString(pids).strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    }

    @Test
    void eachOutputLineGoesToTheNodesLogWithTheRunsMdc()
            throws IOException
    {
        script("hello-log.sh", "#!/bin/sh\necho 'line for the log'\n");
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.netcron.script");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        org.slf4j.MDC.put("run", "41");
        try {
            run("hello-log.sh", "{}", Duration.ofSeconds(30));
        }
        finally {
            org.slf4j.MDC.remove("run");
            logger.detachAppender(appender);
        }
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("hello-log.sh stdout: line for the log");
            assertThat(event.getMDCPropertyMap()).containsEntry("run", "41");
        });
    }

    @Test
    void hundredMegabytesOfOutputKeepOnlyTheTail()
            throws IOException
    {
        // 1600 lines of 64 KiB, then a marker and the result
        script("loud.py", """
                #!/usr/bin/python3
                import sys
                line = "x" * 65535 + "\\n"
                for i in range(1600):
                    sys.stdout.write(line)
                print("the very end")
                print('{"lines": 1600}')
                """);
        RunEnd end = run("loud.py", "{}", Duration.ofSeconds(120));
        assertThat(end.status()).as(end.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.resultJson()).isEqualTo("{\"lines\":1600}");
        assertThat(end.output().length()).isLessThanOrEqualTo(64 * 1024 + 100);
        assertThat(end.output()).startsWith("(earlier output dropped)").endsWith("the very end\n{\"lines\": 1600}");
    }

    @Test
    void credentialsReachTheScriptThroughEnvironmentAndFileNotItsCommandLine()
            throws IOException
    {
        script("creds.py", """
                #!/usr/bin/python3
                # netcron: credentials = ipam, sw-login
                import json, os, stat
                cmdline = open("/proc/self/cmdline").read()
                print("cmdline has secret:", "s3cret" in cmdline or "tok-123" in cmdline)
                path = os.environ["NETCRON_CREDENTIALS_FILE"]
                print("mode", oct(stat.S_IMODE(os.stat(path).st_mode)))
                data = json.load(open(path))
                print(json.dumps({"token": data["ipam"]["token"], "user": os.environ["NETCRON_CRED_SW_LOGIN_USERNAME"],
                                  "password_env": os.environ["NETCRON_CRED_SW_LOGIN_PASSWORD"], "file": path}))
                """);
        Credentials store = Credentials.of(Map.of("ipam", Credential.token("ipam", "tok-123"), "sw-login", Credential.login("sw-login", "admin", "s3cret")));
        RunEnd end = run(execution(store), "creds.py", "{}", Duration.ofSeconds(30));
        assertThat(end.status()).as(end.error() + end.output()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.output()).contains("cmdline has secret: False").contains("mode 0o600");
        assertThat(end.resultJson()).contains("\"token\":\"tok-123\"", "\"user\":\"admin\"", "\"password_env\":\"s3cret\"");
        String file = end.resultJson().replaceAll(".*\"file\":\"([^\"]+)\".*", "$1");
        assertThat(Path.of(file)).doesNotExist();
    }

    @Test
    void aMissingCredentialFailsBeforeTheScriptStarts()
            throws IOException
    {
        script("needs.sh", "#!/bin/sh\n# netcron: credentials = nowhere\ntouch started\n");
        RunEnd end = run(execution(Credentials.of(Map.of())), "needs.sh", "{}", Duration.ofSeconds(30));
        assertThat(end.status()).isEqualTo(RunStatus.FAILED);
        assertThat(end.error()).startsWith("unknown credential 'nowhere'");
        assertThat(scripts.resolve("started")).doesNotExist();
    }

    @Test
    void aMissingInterpreterIsAClearError()
            throws IOException
    {
        script("old.py", "#!/usr/bin/python2.4\nprint('hi')\n");
        script("env.py", "#!/usr/bin/env python9-nowhere\nprint('hi')\n");
        assertThat(run("old.py", "{}", Duration.ofSeconds(30)).error()).isEqualTo("interpreter /usr/bin/python2.4 not found");
        assertThat(run("env.py", "{}", Duration.ofSeconds(30)).error()).isEqualTo("interpreter python9-nowhere not found on PATH (#!/usr/bin/env python9-nowhere)");
    }

    @Test
    void theNodesOwnSettingsAreNotPassedToTheScript()
            throws IOException
    {
        script("env.sh", "#!/bin/sh\nenv | grep -c '^NETCRON_DB_' || true\necho '{}'\n");
        // the test JVM may or may not have NETCRON_DB_* set: the child never sees them either way
        RunEnd end = run("env.sh", "{}", Duration.ofSeconds(30));
        assertThat(end.output()).startsWith("0\n");
    }
}
