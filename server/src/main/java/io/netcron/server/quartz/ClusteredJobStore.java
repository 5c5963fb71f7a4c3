package io.netcron.server.quartz;

import org.quartz.impl.jdbcjobstore.JobStoreTX;

/**
 * Quartz's {@code JobStoreTX}, unchanged for now; the single place where netcron may adjust the
 * clustered store (kept tiny, documented and tested).
 */
public class ClusteredJobStore
        extends JobStoreTX
{
}
