package io.netcron.git;

import static java.util.Objects.requireNonNull;

/**
 * A push that the remote accepted.
 *
 * @param status JGit's update status: {@code OK} (updated) or {@code UP_TO_DATE}
 */
public record GitPush(String remote, String branch, String status)
{
    public GitPush
    {
        requireNonNull(remote, "remote is null");
        requireNonNull(branch, "branch is null");
        requireNonNull(status, "status is null");
    }

    public boolean updated()
    {
        return "OK".equals(status);
    }
}
