package io.netcron.server.jmx;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Cluster-wide run counts per job from {@code netcron.job_run_total} (kept by a trigger on job_run). */
public final class RunTotals
{
    private final Database database;

    @Inject
    public RunTotals(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    public Map<String, Totals> all()
    {
        Map<String, Totals> totals = new HashMap<>();
        database.query("SELECT job_name, status, runs, last_finished_at, last_duration_ms FROM netcron.job_run_total", row -> {
            totals.computeIfAbsent(row.getString("job_name"), name -> new Totals())
                    .add(row.getString("status"), row.getLong("runs"), Handle.instant(row, "last_finished_at"), Handle.nullableLong(row, "last_duration_ms"));
            return null;
        });
        return totals;
    }

    /** One job's counts by final status, and the duration of its latest run that ran (not skipped). */
    public static final class Totals
    {
        public static final Totals NONE = new Totals();

        private final Map<String, Long> byStatus = new TreeMap<>();
        private Instant lastFinishedAt;
        private Long lastDurationMillis;

        void add(String status, long runs, Instant finishedAt, Long durationMillis)
        {
            byStatus.put(status, runs);
            if (!status.equals("skipped") && finishedAt != null && (lastFinishedAt == null || finishedAt.isAfter(lastFinishedAt))) {
                lastFinishedAt = finishedAt;
                lastDurationMillis = durationMillis;
            }
        }

        public Map<String, Long> byStatus()
        {
            return Map.copyOf(byStatus);
        }

        public long count(String... statuses)
        {
            long sum = 0;
            for (String status : statuses) {
                sum += byStatus.getOrDefault(status, 0L);
            }
            return sum;
        }

        public Long lastDurationMillis()
        {
            return lastDurationMillis;
        }
    }
}
