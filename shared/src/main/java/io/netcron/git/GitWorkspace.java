package io.netcron.git;

import io.netcron.credentials.Credential;
import io.netcron.job.Deadline;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One open repository: write or delete files in its work tree, {@link #commit} them when anything
 * changed, {@link #push} to {@code origin}. Not thread-safe: one job, one workspace; close it.
 */
public final class GitWorkspace
        implements AutoCloseable
{
    private final Git git;
    private final Path workTree;
    private final GitAuthor defaultAuthor;
    private final Duration timeout;

    GitWorkspace(Git git, GitAuthor defaultAuthor, Duration timeout)
    {
        this.git = requireNonNull(git, "git is null");
        this.workTree = git.getRepository().getWorkTree().toPath().toAbsolutePath().normalize();
        this.defaultAuthor = requireNonNull(defaultAuthor, "defaultAuthor is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public Path directory()
    {
        return workTree;
    }

    /** The checked-out branch ({@code main} in a new repository). */
    public String branch()
    {
        try {
            return git.getRepository().getBranch();
        }
        catch (IOException e) {
            throw new GitException("cannot read the branch of " + workTree + ": " + oneLine(e), e);
        }
    }

    /** Writes (creating or replacing) a file, path relative to the work tree ({@code routers/r1.cfg}). */
    public Path write(String path, String content)
    {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path write(String path, byte[] content)
    {
        Path file = resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        }
        catch (IOException e) {
            throw new GitException("cannot write " + path + " in " + workTree + ": " + oneLine(e), e);
        }
    }

    /** Removes a file from the work tree (the next commit records the removal); false if it was not there. */
    public boolean delete(String path)
    {
        try {
            return Files.deleteIfExists(resolve(path));
        }
        catch (IOException e) {
            throw new GitException("cannot delete " + path + " in " + workTree + ": " + oneLine(e), e);
        }
    }

    public GitCommit commit(String message)
    {
        return commit(message, defaultAuthor);
    }

    /** Stages every change in the work tree and commits it; {@link GitCommit#UNCHANGED} (no commit) when nothing changed. */
    public GitCommit commit(String message, GitAuthor author)
    {
        requireNonNull(message, "message is null");
        requireNonNull(author, "author is null");
        if (message.isBlank()) {
            throw new IllegalArgumentException("commit message is blank");
        }
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            Status status = git.status().call();
            if (status.getAdded().isEmpty() && status.getChanged().isEmpty() && status.getRemoved().isEmpty()) {
                return GitCommit.UNCHANGED;
            }
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(author.name(), author.email())
                    .setCommitter(author.name(), author.email())
                    .setSign(false)
                    .call();
            return new GitCommit(true, commit.getName(), diff(commit));
        }
        catch (GitAPIException | IOException e) {
            throw new GitException("cannot commit in " + workTree + ": " + oneLine(e), e);
        }
    }

    private DiffSummary diff(RevCommit commit)
            throws IOException
    {
        Repository repository = git.getRepository();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int linesAdded = 0;
        int linesRemoved = 0;
        try (ObjectReader reader = repository.newObjectReader();
                DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            formatter.setRepository(repository);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.setDetectRenames(false);
            AbstractTreeIterator before = commit.getParentCount() == 0
                    ? new EmptyTreeIterator()
                    : new CanonicalTreeParser(null, reader, repository.parseCommit(commit.getParent(0)).getTree());
            AbstractTreeIterator after = new CanonicalTreeParser(null, reader, commit.getTree());
            for (DiffEntry entry : formatter.scan(before, after)) {
                switch (entry.getChangeType()) {
                    case ADD -> added.add(entry.getNewPath());
                    case DELETE -> removed.add(entry.getOldPath());
                    default -> changed.add(entry.getNewPath());
                }
                for (Edit edit : formatter.toFileHeader(entry).toEditList()) {
                    linesAdded += edit.getLengthB();
                    linesRemoved += edit.getLengthA();
                }
            }
        }
        return new DiffSummary(added, changed, removed, linesAdded, linesRemoved);
    }

    /**
     * Pushes the current branch to {@code origin}. {@code credential} is for https remotes only;
     * a rejected update (not a fast-forward, refused by a hook) is a {@link GitException}.
     */
    public GitPush push(Optional<Credential> credential, Deadline deadline)
    {
        requireNonNull(credential, "credential is null");
        requireNonNull(deadline, "deadline is null");
        String url = remoteUrl().orElseThrow(() -> new GitException("cannot push " + workTree + ": it has no remote '" + GitClient.REMOTE + "'"));
        String branch = branch();
        String ref = "refs/heads/" + branch;
        try {
            Iterable<PushResult> results = git.push()
                    .setRemote(GitClient.REMOTE)
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec(ref + ":" + ref))
                    .setCredentialsProvider(Remotes.credentials(url, credential).orElse(null))
                    .setTimeout(Remotes.seconds(deadline.cap(timeout)))
                    .call();
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate(ref);
                if (update != null) {
                    RemoteRefUpdate.Status status = update.getStatus();
                    if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new GitException("push of " + branch + " to " + Remotes.safe(url) + " was rejected: " + status
                                + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                    }
                    return new GitPush(Remotes.safe(url), branch, status.name());
                }
            }
            throw new GitException("push of " + branch + " to " + Remotes.safe(url) + " reported nothing for " + ref);
        }
        catch (GitAPIException e) {
            throw new GitException("cannot push " + branch + " to " + Remotes.safe(url) + ": " + oneLine(e), e);
        }
    }

    public Optional<String> remoteUrl()
    {
        return Optional.ofNullable(git.getRepository().getConfig().getString("remote", GitClient.REMOTE, "url"));
    }

    void setRemote(String remoteUrl)
    {
        try {
            new URIish(remoteUrl);
            StoredConfig config = git.getRepository().getConfig();
            if (!remoteUrl.equals(config.getString("remote", GitClient.REMOTE, "url"))) {
                config.setString("remote", GitClient.REMOTE, "url", remoteUrl);
                config.setString("remote", GitClient.REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + GitClient.REMOTE + "/*");
                config.save();
            }
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a git remote URL: " + Remotes.safe(remoteUrl));
        }
        catch (IOException e) {
            throw new GitException("cannot set the remote of " + workTree + ": " + oneLine(e), e);
        }
    }

    private Path resolve(String path)
    {
        requireNonNull(path, "path is null");
        Path file = workTree.resolve(path).normalize();
        if (path.isBlank() || !file.startsWith(workTree) || file.equals(workTree) || file.startsWith(workTree.resolve(".git"))) {
            throw new IllegalArgumentException("'" + path + "' is not a file path inside the repository " + workTree);
        }
        return file;
    }

    static String oneLine(Exception e)
    {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    @Override
    public void close()
    {
        git.close();
    }

    @Override
    public String toString()
    {
        return "GitWorkspace[" + workTree + "]";
    }
}
