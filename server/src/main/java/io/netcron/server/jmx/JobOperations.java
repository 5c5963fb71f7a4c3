package io.netcron.server.jmx;

import com.google.inject.Inject;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseException;
import io.netcron.server.db.Handle;
import io.netcron.server.quartz.InvalidScheduleException;
import io.netcron.server.quartz.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

import java.security.Principal;
import java.sql.SQLException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the JMX operations do, as plain SQL an operator could type: they change {@code netcron.job}
 * or insert into {@code netcron.job_request}, so the audit trigger records them and every node
 * applies them. The session's {@code application_name} names JMX, the remote user and this node;
 * {@code requested_by} does the same for run-now requests.
 */
public final class JobOperations
{
    private static final Logger log = LoggerFactory.getLogger(JobOperations.class);

    private final Database database;
    private final NodeConfig node;

    @Inject
    public JobOperations(Database database, NodeConfig node)
    {
        this.database = requireNonNull(database, "database is null");
        this.node = requireNonNull(node, "node is null");
    }

    /** Queues a run-now request; the cluster runs it (and fills handled_at, run_id or error). */
    public long requestRun(String job)
    {
        long id = asOperator(handle -> {
            requireJob(handle, job);
            return handle.queryOne("INSERT INTO netcron.job_request (job_name, requested_by) VALUES (?, ?) RETURNING id",
                    row -> row.getLong(1), job, requester()).orElseThrow();
        });
        log.info("Run-now request {} for job {} queued by {}", id, job, requester());
        return id;
    }

    public void setEnabled(String job, boolean enabled)
    {
        asOperator(handle -> handle.update("UPDATE netcron.job SET enabled = ? WHERE name = ?", enabled, job) == 1 || missing(job));
        log.info("Job {} {} by {}", job, enabled ? "resumed" : "paused", requester());
    }

    /** Validates first, as the node will: a bad schedule is refused here with the reason, not stored. */
    public void setSchedule(String job, String schedule)
    {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("schedule is empty: give a cron expression (5-field Unix or Quartz with seconds) or an alias such as @daily");
        }
        try {
            Schedules.toQuartz(schedule);
        }
        catch (InvalidScheduleException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String trimmed = schedule.trim();
        asOperator(handle -> handle.update("UPDATE netcron.job SET schedule = ? WHERE name = ?", trimmed, job) == 1 || missing(job));
        log.info("Job {} schedule set to '{}' by {}", job, trimmed, requester());
    }

    /** {@code jmx:<user>@<node>}, or {@code jmx:local@<node>} for a local (attach) console. */
    String requester()
    {
        return "jmx:" + principal() + "@" + node.nodeId();
    }

    /** The authenticated remote JMX user, if the call came through the connector. */
    static String principal()
    {
        Subject subject = Subject.current();
        if (subject == null) {
            return "local";
        }
        return subject.getPrincipals(JMXPrincipal.class).stream().map(Principal::getName).findFirst()
                .or(() -> subject.getPrincipals().stream().map(Principal::getName).findFirst())
                .orElse("local");
    }

    private <T> T asOperator(Database.HandleCallback<T> action)
    {
        try {
            return database.inTransaction(handle -> {
                // transaction-local: the pooled connection keeps its own name afterwards
                handle.queryOne("SELECT set_config('application_name', ?, true)", row -> row.getString(1), "netcron-jmx " + principal() + "@" + node.nodeId());
                return action.apply(handle);
            });
        }
        catch (DatabaseException e) {
            // a console has no JDBC driver classes: a plain exception with the message
            throw new IllegalStateException(e.getMessage());
        }
    }

    private static void requireJob(Handle handle, String job)
            throws SQLException
    {
        Optional<String> found = handle.queryOne("SELECT name FROM netcron.job WHERE name = ?", row -> row.getString(1), job);
        if (found.isEmpty()) {
            missing(job);
        }
    }

    private static boolean missing(String job)
    {
        throw new IllegalArgumentException("no job named '" + job + "' in netcron.job (deleted?)");
    }
}
