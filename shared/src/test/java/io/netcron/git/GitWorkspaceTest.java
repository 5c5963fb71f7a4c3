package io.netcron.git;

import io.netcron.credentials.Credential;
import io.netcron.job.Deadline;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitWorkspaceTest
{
    private final GitClient client = new GitClient(new GitAuthor("Backup Bot", "backup@example.net"), Duration.ofSeconds(30));

    @TempDir
    Path temp;

    @Test
    void firstCommitInANewRepositoryAddsTheFiles()
            throws Exception
    {
        try (GitWorkspace workspace = client.open(temp.resolve("repo"))) {
            workspace.write("routers/r1.cfg", "hostname r1\ninterface lo0\n");
            workspace.write("README", "configs\n");

            GitCommit commit = workspace.commit("backup 1");

            assertThat(commit.changed()).isTrue();
            assertThat(commit.commitId()).hasSize(40);
            assertThat(commit.diff()).isEqualTo(new DiffSummary(java.util.List.of("README", "routers/r1.cfg"), java.util.List.of(), java.util.List.of(), 3, 0));
            assertThat(workspace.branch()).isEqualTo("main");
            RevCommit head = headOf(workspace.directory());
            assertThat(head.getName()).isEqualTo(commit.commitId());
            assertThat(head.getFullMessage()).isEqualTo("backup 1");
            assertThat(head.getAuthorIdent().getName()).isEqualTo("Backup Bot");
            assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("backup@example.net");
        }
    }

    @Test
    void nothingIsCommittedWhenNothingChanged()
            throws Exception
    {
        try (GitWorkspace workspace = client.open(temp.resolve("repo"))) {
            workspace.write("r1.cfg", "hostname r1\n");
            GitCommit first = workspace.commit("backup 1");
            workspace.write("r1.cfg", "hostname r1\n");

            GitCommit second = workspace.commit("backup 2");

            assertThat(second).isEqualTo(GitCommit.UNCHANGED);
            assertThat(headOf(workspace.directory()).getName()).isEqualTo(first.commitId());
        }
    }

    @Test
    void diffSummaryCountsFilesAndLines()
    {
        try (GitWorkspace workspace = client.open(temp.resolve("repo"))) {
            workspace.write("r1.cfg", "hostname r1\nntp server a\nsnmp community x\n");
            workspace.write("r2.cfg", "hostname r2\n");
            workspace.commit("backup 1");
            workspace.write("r1.cfg", "hostname r1\nntp server b\nsnmp community x\nlogging host c\n");
            workspace.delete("r2.cfg");
            workspace.write("r3.cfg", "hostname r3\n");

            GitCommit commit = workspace.commit("backup 2", new GitAuthor("Operator", "op@example.net"));

            assertThat(commit.diff().added()).containsExactly("r3.cfg");
            assertThat(commit.diff().changed()).containsExactly("r1.cfg");
            assertThat(commit.diff().removed()).containsExactly("r2.cfg");
            assertThat(commit.diff().linesAdded()).isEqualTo(3);
            assertThat(commit.diff().linesRemoved()).isEqualTo(2);
            assertThat(commit.diff()).hasToString("1 added, 1 changed, 1 removed, +3 -2");
        }
    }

    @Test
    void pushesToABareRepositoryThatAnotherCloneThenSees()
            throws Exception
    {
        Path bare = bareRepository();
        String url = bare.toUri().toString();
        GitCommit commit;
        try (GitWorkspace workspace = client.openOrClone(temp.resolve("one"), url, Optional.empty(), Deadline.none())) {
            workspace.write("r1.cfg", "hostname r1\n");
            commit = workspace.commit("backup 1");

            GitPush push = workspace.push(Optional.empty(), Deadline.none());

            assertThat(push.updated()).isTrue();
            assertThat(push.branch()).isEqualTo("main");
        }
        try (Git remote = Git.open(bare.toFile())) {
            assertThat(remote.getRepository().resolve("refs/heads/main")).isEqualTo(ObjectId.fromString(commit.commitId()));
        }
        try (GitWorkspace other = client.openOrClone(temp.resolve("two"), url, Optional.empty(), Deadline.none())) {
            assertThat(Files.readString(other.directory().resolve("r1.cfg"))).isEqualTo("hostname r1\n");
        }
    }

    @Test
    void pushThatIsNotAFastForwardIsRejected()
    {
        String url = bareRepository().toUri().toString();
        try (GitWorkspace one = client.openOrClone(temp.resolve("one"), url, Optional.empty(), Deadline.none());
                GitWorkspace two = client.openOrClone(temp.resolve("two"), url, Optional.empty(), Deadline.none())) {
            one.write("a", "1\n");
            one.commit("one");
            one.push(Optional.empty(), Deadline.none());
            two.write("b", "2\n");
            two.commit("two");

            assertThatThrownBy(() -> two.push(Optional.empty(), Deadline.none()))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("was rejected: REJECTED_NONFASTFORWARD");
        }
    }

    @Test
    void credentialsAreOnlySentToHttpsRemotes()
    {
        String url = bareRepository().toUri().toString();
        try (GitWorkspace workspace = client.openOrClone(temp.resolve("one"), url, Optional.empty(), Deadline.none())) {
            workspace.write("a", "1\n");
            workspace.commit("one");

            assertThatThrownBy(() -> workspace.push(Optional.of(Credential.login("git-backup", "bot", "s3cret-pass")), Deadline.none()))
                    .isInstanceOf(GitException.class)
                    .hasMessageStartingWith("credential 'git-backup' is only sent to https remotes")
                    .hasMessageNotContaining("s3cret-pass");
        }
    }

    @Test
    void pathsOutsideTheWorkTreeAreRefused()
    {
        try (GitWorkspace workspace = client.open(temp.resolve("repo"))) {
            assertThatThrownBy(() -> workspace.write("../escape", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> workspace.write(".git/config", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThat(temp.resolve("escape")).doesNotExist();
        }
    }

    @Test
    void userPasswordInARemoteUrlIsMaskedInMessages()
    {
        assertThat(Remotes.safe("https://bot:s3cret@git.example.net/configs.git")).isEqualTo("https://********@git.example.net/configs.git");
    }

    private Path bareRepository()
    {
        Path bare = temp.resolve("remote.git");
        try (Git ignored = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call()) {
            return bare;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RevCommit headOf(Path directory)
            throws Exception
    {
        try (Git git = Git.open(directory.toFile())) {
            return git.log().setMaxCount(1).call().iterator().next();
        }
    }
}
