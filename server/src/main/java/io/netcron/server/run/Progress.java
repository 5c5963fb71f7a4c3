package io.netcron.server.run;

/** How far a run is, as its job reported: {@code done} of {@code total}. */
public record Progress(long done, long total)
{
    public Progress
    {
        // a job's own numbers: keep them sane rather than refuse them
        total = Math.max(0, total);
        done = Math.max(0, done);
    }

    /** 0..1; NaN when the total is unknown (0). */
    public double ratio()
    {
        return total == 0 ? Double.NaN : Math.min(1.0, (double) done / total);
    }

    /** {@code 412/1000 (41%)}. */
    public String text()
    {
        return total == 0 ? Long.toString(done) : done + "/" + total + " (" + (long) Math.floor(ratio() * 100) + "%)";
    }
}
