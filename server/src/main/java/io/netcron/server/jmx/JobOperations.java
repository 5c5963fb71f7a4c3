package io.netcron.server.jmx;

import com.google.inject.Inject;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.control.ControlException;
import io.netcron.server.control.JobControl;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What the JMX operations do: the same {@link JobControl} edits as the CLI (an edit of
 * {@code netcron.job} or an insert into {@code netcron.job_request}), so the audit trigger records
 * them and every node applies them. The session's {@code application_name} names JMX, the remote
 * user and this node; {@code requested_by} does the same for run-now requests.
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
        long id = asOperator(control -> control.requestRun(job, Optional.empty(), false, requester()));
        log.info("Run-now request {} for job {} queued by {}", id, job, requester());
        return id;
    }

    public void setEnabled(String job, boolean enabled)
    {
        asOperator(control -> control.setEnabled(job, enabled));
        log.info("Job {} {} by {}", job, enabled ? "resumed" : "paused", requester());
    }

    /** Validates first, as the node will: a bad schedule is refused here with the reason, not stored. */
    public void setSchedule(String job, String schedule)
    {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("schedule is empty: give a cron expression (5-field Unix or Quartz with seconds) or an alias such as @daily");
        }
        asOperator(control -> control.setSchedule(job, Optional.of(schedule.trim()), Optional.empty()));
        log.info("Job {} schedule set to '{}' by {}", job, schedule.trim(), requester());
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

    private <T> T asOperator(Function<JobControl, T> action)
    {
        try {
            return action.apply(JobControl.on(database.labeled("netcron-jmx " + principal() + "@" + node.nodeId())));
        }
        catch (ControlException e) {
            // a console has none of netcron's classes: plain exceptions with the message
            throw new IllegalArgumentException(e.getMessage());
        }
        catch (DatabaseException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
