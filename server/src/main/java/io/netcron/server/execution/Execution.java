package io.netcron.server.execution;

import io.netcron.server.catalog.JobKind;
import io.netcron.server.run.RunEnd;

/**
 * One way of executing a run: in this JVM, in a child JVM ({@code isolation}) or as a script
 * ({@code script}). {@link JobRunner} picks one by {@link Mode}; the packages that own the other
 * two bind them, so the run path does not depend on them.
 */
public interface Execution
{
    RunEnd execute(RunPlan plan, long runId);

    enum Mode
    {
        IN_PROCESS, ISOLATED, SCRIPT;

        public static Mode of(RunPlan plan)
        {
            return plan.type().kind() == JobKind.SCRIPT ? SCRIPT : plan.isolated() ? ISOLATED : IN_PROCESS;
        }
    }
}
