package io.netcron.git;

import io.netcron.credentials.Credential;
import io.netcron.job.Deadline;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Opens local git repositories for jobs that keep files under version control (configuration
 * backups, generated zone files): {@link #open} an existing one or create it, or {@link #openOrClone}
 * one from a remote. Commits are by the configured author unless a job names another.
 */
public final class GitClient
{
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    public static final String REMOTE = "origin";
    static final String INITIAL_BRANCH = "main";

    private final GitAuthor author;
    private final Duration timeout;

    public GitClient(GitAuthor author, Duration timeout)
    {
        this.author = requireNonNull(author, "author is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public GitAuthor author()
    {
        return author;
    }

    /** The repository at {@code directory}, created (branch {@code main}) when the directory holds none. */
    public GitWorkspace open(Path directory)
    {
        requireNonNull(directory, "directory is null");
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            return new GitWorkspace(Git.open(absolute.toFile()), author, timeout);
        }
        catch (RepositoryNotFoundException e) {
            try {
                Files.createDirectories(absolute);
                return new GitWorkspace(Git.init().setDirectory(absolute.toFile()).setInitialBranch(INITIAL_BRANCH).call(), author, timeout);
            }
            catch (IOException | GitAPIException initFailed) {
                throw new GitException("cannot create a git repository in " + absolute + ": " + GitWorkspace.oneLine(initFailed), initFailed);
            }
        }
        catch (IOException e) {
            throw new GitException("cannot open the git repository in " + absolute + ": " + GitWorkspace.oneLine(e), e);
        }
    }

    /**
     * The repository at {@code directory} with {@code remoteUrl} as its {@code origin}: cloned when
     * the directory holds no repository yet, else opened (and its origin set to {@code remoteUrl}).
     * {@code credential} (user + password, or a token) is used for https remotes only.
     */
    public GitWorkspace openOrClone(Path directory, String remoteUrl, Optional<Credential> credential, Deadline deadline)
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(remoteUrl, "remoteUrl is null");
        requireNonNull(deadline, "deadline is null");
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute.resolve(".git"))) {
            GitWorkspace workspace = open(absolute);
            workspace.setRemote(remoteUrl);
            return workspace;
        }
        try {
            Git git = Git.cloneRepository()
                    .setURI(remoteUrl)
                    .setDirectory(absolute.toFile())
                    .setRemote(REMOTE)
                    .setCredentialsProvider(Remotes.credentials(remoteUrl, credential).orElse(null))
                    .setTimeout(Remotes.seconds(deadline.cap(timeout)))
                    .call();
            if (git.getRepository().resolve("HEAD") == null) {
                // An empty remote: start on main like a fresh repository does.
                org.eclipse.jgit.lib.RefUpdate head = git.getRepository().updateRef("HEAD");
                head.link("refs/heads/" + INITIAL_BRANCH);
            }
            return new GitWorkspace(git, author, timeout);
        }
        catch (GitAPIException | IOException e) {
            throw new GitException("cannot clone " + Remotes.safe(remoteUrl) + " into " + absolute + ": " + GitWorkspace.oneLine(e), e);
        }
    }

    @Override
    public String toString()
    {
        return "GitClient[" + author.name() + " <" + author.email() + ">]";
    }
}
