package io.netcron.git;

import static java.util.Objects.requireNonNull;

/** Who a commit is by (author and committer alike). */
public record GitAuthor(String name, String email)
{
    public static final GitAuthor NETCRON = new GitAuthor("netcron", "netcron@localhost");

    public GitAuthor
    {
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("git author name is blank");
        }
    }
}
