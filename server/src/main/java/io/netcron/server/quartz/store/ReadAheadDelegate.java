package io.netcron.server.quartz.store;

import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.TriggerKey;
import org.quartz.impl.JobDetailImpl;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.OperableTrigger;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Quartz's PostgreSQL delegate with read-ahead: inside {@code TRIGGER_ACCESS} Quartz reads, for every
 * trigger of a batch, its job when acquiring it and its state, its job and (netcron) whether this node
 * still holds its acquisition when firing it - one statement each, while every node waits for the lock.
 * This delegate reads those rows for the whole batch with the statement that starts the batch: the
 * acquisition's trigger query also returns each trigger's job ({@link #selectTriggerToAcquire}), and
 * the firing reads its batch's states, acquisitions and jobs in one statement
 * ({@link #readAheadForFiring}). Quartz's per-trigger reads ({@link #selectJobDetail},
 * {@link #selectTriggerState}, {@link #holdsAcquisition}) are then answered from that read.
 * <p>
 * A read-ahead belongs to one thread and one connection - one transaction under the lock, so no
 * other node changes those rows meanwhile - and each answer is given once: a second firing of the
 * same job in one batch, or anything the read-ahead did not cover (a job class that does not load),
 * falls back to Quartz's own statement. {@link ClusteredJobStore} drops the read-ahead when its
 * transaction ends ({@link #forget}).
 */
public class ReadAheadDelegate
        extends PostgreSQLDelegate
{
    /**
     * A job by its primary key, per row of the batch. The lookups are {@code LATERAL ... LIMIT 1} so that
     * PostgreSQL uses the keys' indexes per row: as plain joins it hashed whole tables for ten rows, and
     * Quartz's tables are small but collect dead rows quickly.
     */
    private static final String JOB_BY_KEY = """
            SELECT * FROM {0}JOB_DETAILS WHERE sched_name = {1} AND job_name = t.job_name AND job_group = t.job_group LIMIT 1""";

    private final ThreadLocal<ReadAhead> readAhead = new ThreadLocal<>();

    private record ReadAhead(Connection connection, Map<TriggerKey, String> states, Map<TriggerKey, Boolean> held, Map<JobKey, JobDetail> jobs)
    {
        static ReadAhead of(Connection connection)
        {
            return new ReadAhead(connection, new HashMap<>(), new HashMap<>(), new HashMap<>());
        }
    }

    /** The triggers due first, as Quartz selects them, and each one's job read along (Quartz reads it next). */
    @Override
    public List<TriggerKey> selectTriggerToAcquire(Connection connection, long noLaterThan, long noEarlierThan, int maxCount)
            throws SQLException
    {
        String sql = rtp("""
                SELECT t.trigger_name AS t_name, t.trigger_group AS t_group, j.*
                FROM (SELECT trigger_name, trigger_group, job_name, job_group, next_fire_time, priority
                      FROM {0}TRIGGERS
                      WHERE sched_name = {1} AND trigger_state = ? AND next_fire_time <= ?
                        AND (misfire_instr = -1 OR (misfire_instr <> -1 AND next_fire_time >= ?))
                      ORDER BY next_fire_time ASC, priority DESC
                      LIMIT ?) t
                LEFT JOIN LATERAL (""" + JOB_BY_KEY + """
                ) j ON true
                ORDER BY t.next_fire_time ASC, t.priority DESC""");
        ReadAhead read = ReadAhead.of(connection);
        List<TriggerKey> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, STATE_WAITING);
            statement.setLong(2, noLaterThan);
            statement.setLong(3, noEarlierThan);
            statement.setInt(4, Math.max(maxCount, 1));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new TriggerKey(rows.getString("t_name"), rows.getString("t_group")));
                    readJob(rows, read);
                }
            }
        }
        readAhead.set(read);
        return keys;
    }

    /**
     * Reads, in one statement, what firing {@code triggers} will ask for one trigger at a time: each
     * one's state, whether this node's fired-trigger row for it is still there, and its job.
     */
    void readAheadForFiring(Connection connection, List<OperableTrigger> triggers)
            throws SQLException
    {
        String sql = rtp("""
                SELECT b.name AS t_name, b.grp AS t_group, t.trigger_state,
                       -- no fire instance id: nothing can have been taken back (Quartz firing a recovered trigger)
                       b.entry_id IS NULL OR f.entry_id IS NOT NULL AS held, j.*
                FROM unnest(?::text[], ?::text[], ?::text[]) AS b(name, grp, entry_id)
                LEFT JOIN LATERAL (SELECT trigger_state, job_name, job_group FROM {0}TRIGGERS
                                   WHERE sched_name = {1} AND trigger_name = b.name AND trigger_group = b.grp LIMIT 1) t ON true
                LEFT JOIN LATERAL (SELECT entry_id FROM {0}FIRED_TRIGGERS
                                   WHERE sched_name = {1} AND entry_id = b.entry_id AND instance_name = ? LIMIT 1) f ON true
                LEFT JOIN LATERAL (""" + JOB_BY_KEY + """
                ) j ON true""");
        ReadAhead read = ReadAhead.of(connection);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", triggers.stream().map(trigger -> trigger.getKey().getName()).toArray()));
            statement.setArray(2, connection.createArrayOf("text", triggers.stream().map(trigger -> trigger.getKey().getGroup()).toArray()));
            statement.setArray(3, connection.createArrayOf("text", triggers.stream().map(OperableTrigger::getFireInstanceId).toArray()));
            statement.setString(4, instanceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TriggerKey key = new TriggerKey(rows.getString("t_name"), rows.getString("t_group"));
                    JobDetail job = readJob(rows, read);
                    // firing a job Quartz keeps from overlapping changes its other triggers' states in this
                    // transaction: those states, and a deleted trigger's, are read when asked
                    String state = rows.getString("trigger_state");
                    if (job != null && !job.isConcurrentExecutionDisallowed() && state != null) {
                        read.states().put(key, state);
                        read.held().put(key, rows.getBoolean("held"));
                    }
                }
            }
        }
        readAhead.set(read);
    }

    /** Whether this thread has read ahead on {@code connection} (and not forgotten it). */
    boolean hasReadAhead(Connection connection)
    {
        return readAhead(connection) != null;
    }

    /** Whether this node's acquisition of {@code trigger} is still there, if the read-ahead knows; else null. */
    Boolean holdsAcquisition(Connection connection, TriggerKey trigger)
    {
        ReadAhead read = readAhead(connection);
        return read == null ? null : read.held().remove(trigger);
    }

    /** Drops this thread's read-ahead: its transaction has ended. */
    void forget()
    {
        readAhead.remove();
    }

    @Override
    public String selectTriggerState(Connection connection, TriggerKey trigger)
            throws SQLException
    {
        ReadAhead read = readAhead(connection);
        String state = read == null ? null : read.states().remove(trigger);
        return state != null ? state : super.selectTriggerState(connection, trigger);
    }

    @Override
    public JobDetail selectJobDetail(Connection connection, JobKey job, ClassLoadHelper loadHelper)
            throws ClassNotFoundException, IOException, SQLException
    {
        ReadAhead read = readAhead(connection);
        JobDetail detail = read == null ? null : read.jobs().remove(job);
        return detail != null ? detail : super.selectJobDetail(connection, job, loadHelper);
    }

    private ReadAhead readAhead(Connection connection)
    {
        ReadAhead read = readAhead.get();
        return read != null && read.connection() == connection ? read : null;
    }

    /**
     * The job columns of {@code row}, as Quartz's own job read builds them; a row without a job, or one
     * whose class or data does not load, is left to Quartz's own read (and its error handling).
     */
    private JobDetail readJob(ResultSet row, ReadAhead read)
            throws SQLException
    {
        String name = row.getString(COL_JOB_NAME);
        if (name == null) {
            return null;
        }
        try {
            JobDetailImpl job = new JobDetailImpl();
            job.setName(name);
            job.setGroup(row.getString(COL_JOB_GROUP));
            job.setDescription(row.getString(COL_DESCRIPTION));
            job.setDurability(row.getBoolean(COL_IS_DURABLE));
            job.setJobClass(classLoadHelper.loadClass(row.getString(COL_JOB_CLASS), Job.class));
            job.setRequestsRecovery(row.getBoolean(COL_REQUESTS_RECOVERY));
            Map<?, ?> data = jobData(row);
            if (data != null) {
                job.setJobDataMap(new JobDataMap(data));
            }
            read.jobs().putIfAbsent(job.getKey(), job);
            return job;
        }
        catch (ClassNotFoundException | IOException e) {
            // Quartz's own read reports it (and sets the trigger in error)
            return null;
        }
    }

    private Map<?, ?> jobData(ResultSet row)
            throws ClassNotFoundException, IOException, SQLException
    {
        if (!canUseProperties()) {
            return (Map<?, ?>) getObjectFromBlob(row, COL_JOB_DATAMAP);
        }
        try (InputStream in = (InputStream) getJobDataFromBlob(row, COL_JOB_DATAMAP)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return convertFromProperty(properties);
        }
    }
}
