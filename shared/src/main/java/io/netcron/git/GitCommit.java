package io.netcron.git;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of {@link GitWorkspace#commit}: whether anything changed and, if so, the new commit.
 *
 * @param commitId the full SHA-1 of the new commit; empty when nothing changed
 */
public record GitCommit(boolean changed, String commitId, DiffSummary diff)
{
    public static final GitCommit UNCHANGED = new GitCommit(false, "", DiffSummary.NONE);

    public GitCommit
    {
        requireNonNull(commitId, "commitId is null");
        requireNonNull(diff, "diff is null");
    }
}
