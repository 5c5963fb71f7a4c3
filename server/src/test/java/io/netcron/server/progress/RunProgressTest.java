package io.netcron.server.progress;

import io.netcron.server.run.Progress;
import io.netcron.job.RunCause;
import io.netcron.server.run.RunEnd;
import io.netcron.server.history.RunHistory;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Progress goes to the run's row throttled, shows while it runs, and never changes an ended run. */
class RunProgressTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    private static RunHistory history;
    private static ProgressStore store;

    @BeforeAll
    static void createHistoryAndStore()
    {
        history = new RunHistory(testDatabase.migratedPool());
        store = new ProgressStore(testDatabase.migratedPool());
    }

    @Test
    void progressOfARunningRunIsReadableByRunAndByJob()
    {
        long id = start("progress-by-job");
        store.write(id, new Progress(412, 1000));

        assertThat(store.ofRuns(List.of(id))).isEqualTo(Map.of(id, new Progress(412, 1000)));
        assertThat(store.running()).containsEntry("progress-by-job", new Progress(412, 1000));
        assertThat(new Progress(412, 1000).text()).isEqualTo("412/1000 (41%)");
    }

    @Test
    void anEndedRunKeepsItsLastProgress()
    {
        long id = start("progress-ended");
        store.write(id, new Progress(3, 10));
        history.finish(id, new RunEnd(RunStatus.SUCCEEDED, "{}", null, null, Duration.ofMillis(5)));

        store.write(id, new Progress(10, 10));

        assertThat(store.ofRuns(List.of(id))).containsEntry(id, new Progress(3, 10));
        assertThat(store.running()).doesNotContainKey("progress-ended");
    }

    @Test
    void manyReportsBecomeAtMostOneWritePerIntervalAndTheLastGoesWithTheEnd()
    {
        long id = start("progress-throttled");
        List<Progress> writes = new CopyOnWriteArrayList<>();
        RunProgress progress = new RunProgress((runId, value) -> {
            writes.add(value);
            store.write(runId, value);
        }, Duration.ofMillis(300));

        Optional<Progress> last;
        try (RunProgress.Tracked tracked = progress.track("progress-throttled", id)) {
            for (int done = 1; done <= 100_000; done++) {
                tracked.report(done, 100_000);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !writes.isEmpty());
            assertThat(Sql.value(testDatabase, "SELECT progress_total FROM netcron.job_run WHERE id = " + id)).isEqualTo(100_000L);
            tracked.report(99_999, 100_000);
            last = tracked.current();
        }
        int whileRunning = writes.size();
        progress.writeChanged();
        history.finish(id, new RunEnd(RunStatus.SUCCEEDED, "{}", null, null, Duration.ofMillis(5)).withProgress(last));

        assertThat(whileRunning).isBetween(1, 2);
        assertThat(writes).as("nothing written for a run no longer followed").hasSize(whileRunning);
        assertThat(store.ofRuns(List.of(id))).containsEntry(id, new Progress(99_999, 100_000));
    }

    @Test
    void aShortRunsProgressIsStoredWithItsEndWithoutAWriteOfItsOwn()
    {
        long id = start("progress-short");
        List<Progress> writes = new CopyOnWriteArrayList<>();
        RunProgress progress = new RunProgress((runId, value) -> writes.add(value), Duration.ofHours(1));

        Optional<Progress> last;
        try (RunProgress.Tracked tracked = progress.track("progress-short", id)) {
            tracked.report(1, 1);
            last = tracked.current();
        }
        history.finish(id, new RunEnd(RunStatus.SUCCEEDED, "{}", null, null, Duration.ofMillis(1)).withProgress(last));

        assertThat(writes).isEmpty();
        assertThat(store.ofRuns(List.of(id))).containsEntry(id, new Progress(1, 1));
    }

    private static long start(String job)
    {
        return history.start(new RunStart(job, Instant.now().truncatedTo(ChronoUnit.MICROS), 1, RunCause.MANUAL, "node-p", false));
    }
}
