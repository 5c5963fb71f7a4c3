package io.netcron.server.quartz.sync;

import com.google.inject.Inject;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.db.Database;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.quartz.store.QuartzKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the server-maintained columns operators read on {@code netcron.job} ({@code next_fire_at},
 * {@code last_run_at}, {@code last_status}) in step, in bulk, about every second, by one node at a
 * time: next fire from the job's live Quartz trigger, last run from {@code netcron.job_state} (which
 * each run's end writes). Firings themselves never write the operator's row, so they do not run its
 * validation, versioning and audit triggers and never wait on an operator's edit; a row an operator
 * holds locked is skipped and refreshed in a later round. A paused or unscheduled job keeps the
 * {@code next_fire_at} its last applied version gave it (none). A round writes at most
 * {@link #MAX_ROWS_PER_ROUND} rows, so with more jobs than that firing every second a row may lag a
 * few seconds; the refresh's own UPDATE sets only these columns, which run none of the operator's row
 * triggers (V024).
 */
public final class JobStateRefresh
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(JobStateRefresh.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /**
     * Rows refreshed per round at most: thousands of jobs firing every second would otherwise have
     * every row rewritten every second, competing with the firings. Changed statuses go first, then
     * the rows whose next fire time is oldest; the rest follow in the next rounds.
     */
    static final int MAX_ROWS_PER_ROUND = 250;

    private final Database database;
    private final QuartzConfig config;
    private final int maxRowsPerRound;
    private PeriodicTask rounds;

    @Inject
    JobStateRefresh(Database database, QuartzConfig config)
    {
        this(database, config, MAX_ROWS_PER_ROUND);
    }

    JobStateRefresh(Database database, QuartzConfig config, int maxRowsPerRound)
    {
        this.database = requireNonNull(database, "database is null");
        this.config = requireNonNull(config, "config is null");
        this.maxRowsPerRound = maxRowsPerRound;
    }

    @Override
    public void start()
    {
        rounds = PeriodicTask.every(INTERVAL, "netcron-job-state", log, "Refreshing netcron.job's next fire and last run", this::refresh);
    }

    @Override
    public void stop()
    {
        if (rounds != null) {
            rounds.close();
        }
    }

    /**
     * Returns how many job rows changed (0 when another node holds the refresh). Two statements:
     * the first locks the rows that are behind (skipping any an operator or a schedule change holds),
     * the second computes their values afresh and writes them, so a change committed in between
     * (a pause clearing {@code next_fire_at}, say) is never overwritten with what an older snapshot saw.
     */
    int refresh()
    {
        return database.inTransaction(handle -> {
            if (!handle.queryOne("SELECT pg_try_advisory_xact_lock(hashtext('netcron.job_state'), 0)", row -> row.getBoolean(1)).orElse(false)) {
                return 0;
            }
            List<String> behind = handle.query("""
                            SELECT j.name
                            FROM netcron.job j
                            LEFT JOIN netcron.job_state s ON s.job_name = j.name
                            LEFT JOIN (""" + LIVE_NEXT_FIRE + """
                                      ) t ON t.job_name = j.name
                            WHERE j.next_fire_at IS DISTINCT FROM coalesce(t.next_fire_at, j.next_fire_at)
                               OR j.last_run_at IS DISTINCT FROM coalesce(s.last_run_at, j.last_run_at)
                               OR j.last_status IS DISTINCT FROM coalesce(s.last_status, j.last_status)
                            ORDER BY j.last_status IS DISTINCT FROM coalesce(s.last_status, j.last_status) DESC,
                                     j.next_fire_at ASC NULLS FIRST
                            LIMIT ?
                            FOR UPDATE OF j SKIP LOCKED""",
                    row -> row.getString(1), (Object) config.schedulerNames(), QuartzKeys.GROUP, maxRowsPerRound);
            if (behind.isEmpty()) {
                return 0;
            }
            return handle.update("""
                            UPDATE netcron.job j
                            SET next_fire_at = coalesce(t.next_fire_at, j.next_fire_at),
                                last_run_at = coalesce(s.last_run_at, j.last_run_at),
                                last_status = coalesce(s.last_status, j.last_status)
                            FROM unnest(?::text[]) AS b(name)
                            LEFT JOIN netcron.job_state s ON s.job_name = b.name
                            LEFT JOIN (""" + LIVE_NEXT_FIRE + """
                                      ) t ON t.job_name = b.name
                            WHERE j.name = b.name""",
                    behind.toArray(String[]::new), (Object) config.schedulerNames(), QuartzKeys.GROUP);
        });
    }

    /** Each job's next fire time from its live (not paused, not in error) netcron cron trigger. */
    private static final String LIVE_NEXT_FIRE = """
            SELECT job_name, timestamptz 'epoch' + min(next_fire_time) * interval '1 millisecond' AS next_fire_at
            FROM netcron.qrtz_triggers
            WHERE sched_name = ANY(?) AND trigger_group = ? AND next_fire_time > 0
              AND trigger_state NOT IN ('PAUSED', 'PAUSED_BLOCKED', 'ERROR')
            GROUP BY job_name""";
}
