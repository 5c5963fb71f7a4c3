package io.netcron.server.alerts;

import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.job.Deadline;
import io.netcron.server.config.AlertsConfig;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * E-mail over SMTP (Jakarta Mail) to the route's target address(es, comma separated), through
 * {@code alerts.smtp-host}; logs in with the credential {@code alerts.smtp-credential} when set.
 */
public final class EmailSender
        implements AlertSender
{
    private final AlertsConfig config;
    private final Credentials credentials;

    @Inject
    public EmailSender(AlertsConfig config, Credentials credentials)
    {
        this.config = requireNonNull(config, "config is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    @Override
    public void send(AlertRoute route, Alert alert, Deadline deadline)
            throws AlertDeliveryException
    {
        String host = config.smtpHost().orElseThrow(() -> new AlertDeliveryException(
                "email route " + route.id() + ": no SMTP server configured (set alerts.smtp-host)"));
        String to = route.target().orElseThrow(() -> new AlertDeliveryException("email route " + route.id() + ": no address in target"));
        Optional<Credential> login;
        try {
            login = config.smtpCredential().map(credentials::get);
        }
        catch (CredentialException e) {
            throw new AlertDeliveryException("email via " + host + ": " + e.getMessage());
        }
        Duration timeout = deadline.cap(config.sendTimeout());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(config.smtpPort()));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(login.isPresent()));
        if (config.smtpStartTls()) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        }
        Session session = Session.getInstance(properties);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(config.smtpFrom()));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(alert.title(), "UTF-8");
            message.setSentDate(new Date());
            message.setText(body(alert), "UTF-8");
            if (login.isPresent()) {
                Transport.send(message, login.get().username(), login.get().password().reveal());
            }
            else {
                Transport.send(message);
            }
        }
        catch (AddressException e) {
            throw new AlertDeliveryException("email route " + route.id() + ": bad address '" + to + "': " + e.getMessage());
        }
        catch (MessagingException e) {
            throw new AlertDeliveryException("email via " + host + ":" + config.smtpPort() + ": " + oneLine(e));
        }
    }

    static String body(Alert alert)
    {
        StringBuilder text = new StringBuilder(alert.message()).append("\n\n");
        text.append("Event: ").append(alert.event()).append(" (").append(alert.sentAs()).append(")\n");
        alert.jobName().ifPresent(job -> text.append("Job: ").append(job).append('\n'));
        alert.runId().ifPresent(run -> text.append("Run: ").append(run).append('\n'));
        alert.nodeId().ifPresent(node -> text.append("Node: ").append(node).append('\n'));
        text.append("At: ").append(alert.occurredAt()).append('\n');
        alert.incidentSince().ifPresent(since -> text.append("Incident: ").append(alert.incidentEvents()).append(" events since ").append(since).append('\n'));
        text.append("Details: ").append(alert.detailsJson()).append('\n');
        return text.toString();
    }

    private static String oneLine(MessagingException e)
    {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
        return message.replaceAll("\\s+", " ").strip();
    }
}
