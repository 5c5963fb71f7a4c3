package io.netcron.jobs.hardware;

import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.Optional;

/** A device the job will try: ready to connect, or known why not (no address, a bad override). */
record Candidate(String name, Optional<HwTarget> target, Optional<TargetException> problem, boolean skip)
{
    static Candidate ready(HwTarget target)
    {
        return new Candidate(target.name(), Optional.of(target), Optional.empty(), false);
    }

    static Candidate failed(String name, Outcome outcome, String reason)
    {
        return new Candidate(name, Optional.empty(), Optional.of(new TargetException(outcome, name + ": " + reason)), false);
    }

    static Candidate skipped(String name, String reason)
    {
        return new Candidate(name, Optional.empty(), Optional.of(new TargetException(Outcome.SKIPPED, reason)), true);
    }
}
