package io.netcron.server.config;

import java.time.Duration;

/** {@code git.*}: who commits, and how long clone and push may take. */
public record GitConfig(String authorName, String authorEmail, Duration timeout)
{
    public static final String DEFAULT_AUTHOR_NAME = "netcron";
    public static final String DEFAULT_AUTHOR_EMAIL = "netcron@localhost";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public static GitConfig from(Settings settings)
    {
        String name = settings.string("git.author-name", DEFAULT_AUTHOR_NAME);
        String email = settings.string("git.author-email", DEFAULT_AUTHOR_EMAIL);
        if (!email.matches("[^\\s<>]+@[^\\s<>]+")) {
            settings.error("git.author-email", "must be an e-mail address, got '" + email + "'");
        }
        return new GitConfig(name, email, settings.duration("git.timeout", DEFAULT_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)));
    }
}
