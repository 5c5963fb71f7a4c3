package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import io.netcron.git.GitAuthor;
import io.netcron.git.GitClient;
import io.netcron.server.config.GitConfig;

import static java.util.Objects.requireNonNull;

/** The git client, committing as {@code git.author-name <git.author-email>}. */
public final class GitModule
        extends AbstractModule
{
    private final GitConfig config;

    public GitModule(GitConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure()
    {
        bind(GitClient.class).toInstance(new GitClient(new GitAuthor(config.authorName(), config.authorEmail()), config.timeout()));
    }
}
