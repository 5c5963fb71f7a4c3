package io.netcron.server.config;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code alerts.*}: how often a node looks for alerts to deliver, how de-duplicated incidents remind,
 * how failed deliveries are retried, and the SMTP server for e-mail routes. Routes themselves are
 * rows in {@code netcron.alert_route}. The SMTP login (if any) is the credential named by
 * {@code alerts.smtp-credential} (fields {@code username}, {@code password}).
 */
public record AlertsConfig(
        boolean enabled,
        Duration pollInterval,
        Duration reminderInterval,
        Duration retryBackoff,
        Duration maxRetryDelay,
        int maxAttempts,
        Duration sendTimeout,
        Optional<String> smtpHost,
        int smtpPort,
        String smtpFrom,
        Optional<String> smtpCredential,
        boolean smtpStartTls)
{
    public static final boolean DEFAULT_ENABLED = true;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REMINDER_INTERVAL = Duration.ofHours(4);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_SMTP_PORT = 25;
    public static final String DEFAULT_SMTP_FROM = "netcron@localhost";
    public static final boolean DEFAULT_SMTP_STARTTLS = false;

    public AlertsConfig
    {
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(reminderInterval, "reminderInterval is null");
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireNonNull(maxRetryDelay, "maxRetryDelay is null");
        requireNonNull(sendTimeout, "sendTimeout is null");
        requireNonNull(smtpHost, "smtpHost is null");
        requireNonNull(smtpFrom, "smtpFrom is null");
        requireNonNull(smtpCredential, "smtpCredential is null");
    }

    public static AlertsConfig from(Settings settings)
    {
        boolean enabled = settings.bool("alerts.enabled", DEFAULT_ENABLED);
        Duration poll = settings.duration("alerts.poll-interval", DEFAULT_POLL_INTERVAL, Duration.ofMillis(100), Duration.ofMinutes(10));
        Duration reminder = settings.duration("alerts.reminder-interval", DEFAULT_REMINDER_INTERVAL, Duration.ofSeconds(1), Duration.ofDays(30));
        Duration backoff = settings.duration("alerts.retry-backoff", DEFAULT_RETRY_BACKOFF, Duration.ofMillis(10), Duration.ofHours(1));
        Duration maxDelay = settings.duration("alerts.max-retry-delay", DEFAULT_MAX_RETRY_DELAY, Duration.ofMillis(10), Duration.ofDays(1));
        int attempts = settings.integer("alerts.max-attempts", DEFAULT_MAX_ATTEMPTS, 1, 1000);
        Duration timeout = settings.duration("alerts.send-timeout", DEFAULT_SEND_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5));
        Optional<String> host = settings.optional("alerts.smtp-host").filter(value -> !value.isBlank());
        int port = settings.integer("alerts.smtp-port", DEFAULT_SMTP_PORT, 1, 65535);
        String from = settings.string("alerts.smtp-from", DEFAULT_SMTP_FROM);
        if (!from.matches("[^\\s<>@]+@[^\\s<>@]+")) {
            settings.error("alerts.smtp-from", "must be an e-mail address, got '" + from + "'");
        }
        Optional<String> credential = settings.optional("alerts.smtp-credential").filter(value -> !value.isBlank());
        boolean startTls = settings.bool("alerts.smtp-starttls", DEFAULT_SMTP_STARTTLS);
        if (maxDelay.compareTo(backoff) < 0) {
            settings.error("alerts.max-retry-delay", "must not be shorter than alerts.retry-backoff (" + Settings.format(backoff) + ")");
        }
        return new AlertsConfig(enabled, poll, reminder, backoff, maxDelay, attempts, timeout, host, port, from, credential, startTls);
    }

    /** The delay before attempt {@code attempts + 1}: the backoff doubling per failed attempt, capped. */
    public Duration retryDelay(int attempts)
    {
        Duration delay = retryBackoff;
        for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
