package io.netcron.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code db.*}: where the cluster's database is. No URL means an embedded PostgreSQL. The password
 * comes from {@code db.password} or from a file ({@code db.password-file}: compose and Kubernetes
 * secrets, systemd credentials), so it need not sit in the environment.
 * <p>
 * Timeouts on the pool's sessions: {@code db.lock-timeout} and {@code db.statement-timeout} bound
 * how long netcron's own statements (and jobs' statements on the pool) wait for a row lock or run,
 * so an operator's open transaction on {@code netcron.job} costs a failed, retried statement instead
 * of parked workers; {@code db.idle-in-transaction-timeout} ends a session (any node's, Quartz's
 * included) that sits in an open transaction that long, e.g. a frozen node holding Quartz's lock.
 * Quartz's own sessions get no lock or statement timeout: waiting for its cluster lock is its design.
 */
public record DatabaseConfig(Optional<String> url, String user, Optional<String> password, int poolSize, Duration connectTimeout,
                             Duration lockTimeout, Duration statementTimeout, Duration idleInTransactionTimeout)
{
    public static final String DEFAULT_USER = "netcron";
    /** At least half the default threads + 3 ({@code DataSources.minimumPoolSize}). */
    public static final int DEFAULT_POOL_SIZE = 18;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    public static DatabaseConfig from(Settings settings)
    {
        Optional<String> url = settings.optional("db.url");
        url.filter(value -> !value.startsWith("jdbc:postgresql:"))
                .ifPresent(value -> settings.error("db.url", "must start with jdbc:postgresql:, got '" + Settings.maskPasswords(value) + "'"));
        return new DatabaseConfig(
                url,
                settings.string("db.user", DEFAULT_USER),
                password(settings),
                settings.integer("db.pool-size", DEFAULT_POOL_SIZE, 2, 200),
                settings.duration("db.connect-timeout", DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(250), Duration.ofMinutes(5)),
                settings.duration("db.lock-timeout", DEFAULT_LOCK_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                settings.duration("db.statement-timeout", DEFAULT_STATEMENT_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
                settings.duration("db.idle-in-transaction-timeout", DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)));
    }

    private static Optional<String> password(Settings settings)
    {
        Optional<String> password = settings.secret("db.password");
        Optional<String> file = settings.optional("db.password-file");
        if (file.isEmpty()) {
            return password;
        }
        if (password.isPresent()) {
            settings.error("db.password-file", "set either db.password or db.password-file, not both");
            return password;
        }
        try {
            // a trailing line break is how editors and `echo` leave the file: not part of the password
            String value = Files.readString(Path.of(file.get())).replaceFirst("[\\r\\n]+$", "");
            if (value.isEmpty()) {
                settings.error("db.password-file", file.get() + " is empty");
                return Optional.empty();
            }
            return Optional.of(value);
        }
        catch (IOException | RuntimeException e) {
            settings.error("db.password-file", "cannot read " + file.get() + " (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    public DatabaseConfig withPoolSize(int size)
    {
        return new DatabaseConfig(url, user, password, size, connectTimeout, lockTimeout, statementTimeout, idleInTransactionTimeout);
    }

    public boolean embedded()
    {
        return url.isEmpty();
    }

    @Override
    public String toString()
    {
        return "DatabaseConfig[url=" + url.map(Settings::maskPasswords).orElse("(embedded)") + ", user=" + user + ", password=" + (password.isPresent() ? "********" : "(unset)")
                + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + ", lockTimeout=" + lockTimeout + ", statementTimeout=" + statementTimeout
                + ", idleInTransactionTimeout=" + idleInTransactionTimeout + "]";
    }
}
