package io.netcron.jobs.hardware;

import io.netcron.job.Deadline;
import io.netcron.target.TargetException;

import java.util.List;

/** Reads one platform's facts from a device; failures are {@link TargetException}s with the outcome to count. */
interface FactsReader
{
    /** Called once before the fan-out (a Director lists every appliance in a few paged calls). */
    default void prepare(List<HwTarget> targets, Deadline deadline) {}

    HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException;
}
