package io.netcron.ssh;

import static java.util.Objects.requireNonNull;

/** A command's exit code and output; {@code truncated} when output passed the client's limit and was cut. */
public record ExecResult(int exitCode, String stdout, String stderr, boolean truncated)
{
    public ExecResult
    {
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
    }

    public boolean succeeded()
    {
        return exitCode == 0;
    }
}
