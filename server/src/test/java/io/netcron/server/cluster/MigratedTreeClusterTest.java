package io.netcron.server.cluster;

import io.netcron.server.credentials.FernetTestFiles;
import io.netcron.server.script.LegacyTree;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Runs.Run;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import io.netcron.server.testing.MultiJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptance run: an old Python framework tree (BaseTask modules in categories, two
 * legacy scripts, a schedules.yml, a Fernet credential.ini made from the specification's vector)
 * goes through {@code netcron migrate-python} (the CLI, in its own JVM) and runs under three node
 * processes: every scheduled time fires once, tasks see their params and credentials, output and
 * JSON results land in {@code netcron.job_run}, a script outliving its max runtime is killed with
 * the child it forked, a script exiting 1 is retried per its policy, and 100 MB of output leave the
 * node standing with the tail kept.
 */
@MultiJvm
class MigratedTreeClusterTest
{
    private static final String IPAM_TOKEN = "tok-acceptance-4711";

    @TempDir
    static Path work;

    @ClassDatabase(migrated = true)
    private static TestDatabase database;

    @Test
    void aMigratedTreeRunsUnderThreeNodes()
            throws Exception
    {
        String bothDays = bothDaysEveryMinute();
        Path tree = oldFrameworkTree(work.resolve("automation"), bothDays);
        FernetTestFiles credentials = FernetTestFiles.fromSpecVector(work.resolve("old-config"), IPAM_TOKEN);
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("NETCRON_SCRIPTS_DIR", tree.toString());
        environment.put("NETCRON_KEYSET_FILE", work.resolve("keyset.json").toString());

        NodeProcess migrate = NodeProcess.start("migrate-python", environment, "migrate-python", tree.toString(),
                "--credentials", credentials.ini().toString(), "--key-file", credentials.key().toString(), "--report", work.resolve("report.txt").toString());
        assertThat(migrate.waitFor(Duration.ofSeconds(60))).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("5 jobs registered").contains("Imported ipam (fields: token)").contains("Imported lab-switch");
        assertThat(Sql.rows(database, "SELECT name, kind, category, schedule, extract(epoch FROM max_runtime)::int AS seconds FROM netcron.job ORDER BY name"))
                .extracting(row -> row.get("name") + " " + row.get("kind") + " " + row.get("category") + " " + row.get("schedule") + " " + row.get("seconds"))
                .containsExactly(
                        "count_devices script inventory */3 * * * * ? 600",
                        "friday13 script misc " + bothDays + " 60",
                        "hang script scripts null 1800",
                        "loud_report script reports null 120",
                        "sync_dns script scripts null 1800");
        // what an operator does next: params for a task, a schedule and policy for the legacy scripts (below)
        Sql.execute(database, "UPDATE netcron.job SET params = '{\"site\": \"fra1\"}' WHERE name = 'count_devices'");

        // five jobs need few threads and connections (three nodes at the default pool take 60 of a shared server's 100)
        try (Cluster cluster = new Cluster(database, Map.of(
                "NETCRON_THREADS", "4",
                "NETCRON_DB_POOL_SIZE", "6",
                "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s",
                "NETCRON_SCRIPTS_DIR", tree.toString(),
                "NETCRON_KEYSET_FILE", work.resolve("keyset.json").toString()))) {
            List<NodeProcess> nodes = List.of(cluster.start("mig-1"), cluster.start("mig-2"), cluster.start("mig-3"));
            cluster.awaitActive(Duration.ofSeconds(90), nodes.toArray(NodeProcess[]::new));

            Instant once = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
            Sql.execute(database, "UPDATE netcron.job SET schedule = ?, max_retries = 2, retry_backoff = '1 second' WHERE name = 'sync_dns'", Runs.onceAt(once));
            Sql.execute(database, "UPDATE netcron.job SET schedule = ?, max_runtime = '2 seconds' WHERE name = 'hang'", Runs.onceAt(once));
            Sql.execute(database, "UPDATE netcron.job SET schedule = ? WHERE name = 'loud_report'", Runs.onceAt(once));

            await("the retries, the timeout, the loud run and a minute of the union schedule").atMost(Duration.ofSeconds(80)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'sync_dns' AND status = 'succeeded'") == 1
                            && Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name IN ('hang', 'loud_report') AND status <> 'running'") == 2
                            && Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'friday13' AND status <> 'running'") >= 1
                            && Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'count_devices' AND status = 'succeeded'") >= 6);

            // every scheduled time once: no fire time twice, none left out between the first and the last
            assertOncePerScheduledTime("count_devices", Duration.ofSeconds(3));
            assertOncePerScheduledTime("friday13", Duration.ofMinutes(1));
            for (NodeProcess node : nodes) {
                assertThat(node.output()).as(node.name() + " log").doesNotContain("Double firing refused").doesNotContain("OutOfMemoryError");
            }
            assertThat(Sql.count(database, "SELECT count(DISTINCT node_id) FROM netcron.job_run")).as("nodes that ran scripts").isGreaterThanOrEqualTo(2);

            // a task sees its params and the credentials imported from credential.ini; output and result are kept
            Run counted = Runs.where(database, "job_name = 'count_devices' AND status = 'succeeded' ORDER BY scheduled_at LIMIT 1").getFirst();
            assertThat(counted.result()).isEqualTo("{\"site\": \"fra1\", \"devices\": 3, \"token_ok\": true, \"lab_password_ok\": true}");
            assertThat(counted.output()).contains("token length " + IPAM_TOKEN.length()).contains("[stderr] INFO count_devices: counting").doesNotContain(IPAM_TOKEN);
            assertThat(Runs.of(database, "friday13")).allSatisfy(run -> assertThat(run.result()).isEqualTo("{\"both_days\": true}"));

            // exit 1 twice, then success: the policy's two retries of the same fire time
            assertThat(Runs.of(database, "sync_dns"))
                    .extracting(run -> run.attempt() + " " + run.cause() + " " + run.status() + " " + run.scheduledAt() + " " + run.error())
                    .containsExactly(
                            "1 schedule failed " + once + " exit code 1: dns server refused the update",
                            "2 retry failed " + once + " exit code 1: dns server refused the update",
                            "3 retry succeeded " + once + " null");
            assertThat(Runs.of(database, "sync_dns").getLast().result()).isEqualTo("{\"synced\": 12}");

            // max runtime: the script and the sleep it forked are both killed
            Run hang = Runs.of(database, "hang").getFirst();
            assertThat(hang.status()).isEqualTo("timed_out");
            assertThat(hang.error()).startsWith("max runtime 2s exceeded: script process ").contains("(2 processes) killed");
            List<Long> pids = Files.readAllLines(work.resolve("hang.pids")).stream().map(Long::parseLong).toList();
            assertThat(pids).hasSize(2);
            await("hang.sh and its child gone").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid).isFalse()));

            // 100 MB of output: the run keeps the tail, the node that ran it keeps running jobs
            Run loud = Runs.of(database, "loud_report").getFirst();
            assertThat(loud.status()).as(loud.error()).isEqualTo("succeeded");
            assertThat(loud.result()).isEqualTo("{\"lines\": 1600}");
            assertThat(loud.output().length()).isLessThanOrEqualTo(64 * 1024 + 100);
            assertThat(loud.output()).startsWith("(earlier output dropped)").endsWith("the very end\n{\"lines\": 1600}");
            NodeProcess loudNode = nodes.stream().filter(node -> node.name().equals(loud.nodeId())).findFirst().orElseThrow();
            assertThat(loudNode.isAlive()).isTrue();
            await(loudNode.name() + " still heart-beating as an active node").atMost(Duration.ofSeconds(30)).until(() -> Sql.count(database,
                    "SELECT count(*) FROM netcron.node WHERE node_id = ? AND state = 'active' AND last_seen > ?", loudNode.name(), java.sql.Timestamp.from(loud.finishedAt())) == 1);
        }
    }

    private static void assertOncePerScheduledTime(String job, Duration every)
    {
        List<Run> runs = Runs.where(database, "job_name = ? AND attempt = 1 ORDER BY scheduled_at", job);
        Map<Instant, Long> perTime = runs.stream().collect(Collectors.groupingBy(Run::scheduledAt, Collectors.counting()));
        assertThat(perTime).as("runs of %s per fire time", job).allSatisfy((time, count) -> assertThat(count).isOne());
        Instant first = runs.getFirst().scheduledAt();
        Instant last = runs.getLast().scheduledAt();
        assertThat(runs).as("fire times of %s from %s to %s", job, first, last).hasSize((int) (Duration.between(first, last).dividedBy(every) + 1));
        // a time no node started within the misfire threshold (a loaded machine) is run late as catch_up: still once
        assertThat(runs).extracting(Run::cause).isSubsetOf("schedule", "catch_up");
    }

    /**
     * A 5-field cron restricting both day fields whose two halves both match every minute of today
     * and tomorrow (UTC): were the halves two triggers, every minute would fire twice.
     */
    private static String bothDaysEveryMinute()
    {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate tomorrow = today.plusDays(1);
        return "* * " + today.getDayOfMonth() + "," + tomorrow.getDayOfMonth() + " * "
                + today.getDayOfWeek().getValue() % 7 + "," + tomorrow.getDayOfWeek().getValue() % 7;
    }

    private static Path oldFrameworkTree(Path root, String bothDaysSchedule)
            throws IOException
    {
        LegacyTree.automationCore(root);
        LegacyTree.write(root, "scripts/inventory/count_devices.py", """
                from typing import Any, Dict

                from automation_core.base_task import BaseTask
                from automation_core.auth import get_credential
                from automation_core.ipam_client import IPAMClient


                class CountDevices(BaseTask):
                    name = "count_devices"
                    description = "Counts devices in the IPAM"
                    category = "inventory"
                    default_schedule = "0 * * * *"
                    max_runtime = 600

                    def execute(self) -> Dict[str, Any]:
                        token = get_credential("ipam", "token")
                        lab = get_credential("lab-switch")
                        self.logger.info("counting")
                        print("token length", len(token))
                        return {"site": self.params.get("site"), "devices": len(IPAMClient(token).devices()),
                                "token_ok": token == "%s", "lab_password_ok": lab.password == "hello"}
                """.formatted(IPAM_TOKEN));
        LegacyTree.write(root, "scripts/misc/friday13.py", """
                from automation_core.base_task import BaseTask


                class Friday13(BaseTask):
                    name = "friday13"
                    category = "misc"
                    default_schedule = "%s"
                    max_runtime = 60

                    def execute(self):
                        return {"both_days": True}
                """.formatted(bothDaysSchedule));
        LegacyTree.write(root, "scripts/reports/loud_report.py", """
                import sys

                from automation_core.base_task import BaseTask


                class LoudReport(BaseTask):
                    name = "loud_report"
                    category = "reports"

                    def execute(self):
                        line = "x" * 65535 + "\\n"
                        for i in range(1600):
                            sys.stdout.write(line)
                        print("the very end")
                        return {"lines": 1600}
                """);
        LegacyTree.write(root, "sync_dns.sh", """
                #!/bin/sh
                echo "attempt $NETCRON_ATTEMPT"
                if [ "$NETCRON_ATTEMPT" -lt 3 ]; then
                    echo "dns server refused the update" >&2
                    exit 1
                fi
                echo '{"synced": 12}'
                """);
        LegacyTree.write(root, "hang.sh", """
                #!/bin/bash
                sleep 300 &
                echo $$ > %1$s
                echo $! >> %1$s
                wait
                """.formatted(work.resolve("hang.pids")));
        LegacyTree.write(root, "config/schedules.yml", """
                schedules:
                  count_devices: "*/3 * * * * ?"   # edited for the test: every 3 s
                  loud_report:
                    max_runtime: 120
                """);
        for (String script : List.of("sync_dns.sh", "hang.sh")) {
            Files.setPosixFilePermissions(root.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }
}
