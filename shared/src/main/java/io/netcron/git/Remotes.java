package io.netcron.git;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Secret;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Remote URLs and the credentials that go with them. */
final class Remotes
{
    /** The user name sent with a token-only credential; GitHub, GitLab and Gitea accept any with a token. */
    static final String TOKEN_USER = "x-access-token";

    private Remotes() {}

    /**
     * A provider for an https remote. A credential with any other scheme is refused: plain http
     * would send it in clear, and file or ssh remotes do not use it.
     */
    static Optional<CredentialsProvider> credentials(String remoteUrl, Optional<Credential> credential)
    {
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        if (!remoteUrl.toLowerCase(Locale.ROOT).startsWith("https://")) {
            throw new GitException("credential '" + credential.get().name() + "' is only sent to https remotes, not to " + safe(remoteUrl));
        }
        Credential login = credential.get();
        String user = login.field(Credential.USERNAME).map(Secret::reveal).orElse(TOKEN_USER);
        Secret password = login.field(Credential.PASSWORD).orElseGet(login::token);
        return Optional.of(new UsernamePasswordCredentialsProvider(user, password.reveal()));
    }

    static int seconds(Duration timeout)
    {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    /** The URL with any {@code user:password@} part masked, for messages. */
    static String safe(String remoteUrl)
    {
        return remoteUrl.replaceAll("://[^/@\\s]*@", "://" + Secret.MASK + "@");
    }
}
