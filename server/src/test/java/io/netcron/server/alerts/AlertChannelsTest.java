package io.netcron.server.alerts;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.job.Deadline;
import io.netcron.server.config.AlertsConfig;
import io.netcron.server.config.Settings;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each channel against a local peer: what the payload looks like, and what a failure says. */
class AlertChannelsTest
{
    private static final String SLACK_PATH = "/services/T0001/B0002/s3cr3tT0k3n";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());

    @AfterEach
    void closeClient()
            throws Exception
    {
        http.close();
    }

    @Test
    void aGenericWebhookGetsTheEventAsJsonWithTheCredentialsBearerToken()
            throws Exception
    {
        try (WebhookPeer peer = WebhookPeer.generic()) {
            Credentials credentials = Credentials.of(Map.of("hook", new Credential("hook", Map.of(
                    "url", Secret.of(peer.url("/alerts")), "token", Secret.of("t-123")))));
            senders(credentials, AlertsConfig.from(Settings.of(Map.of()))).send(route(AlertRoute.Channel.WEBHOOK, null, "hook"), failed(), Deadline.after(Duration.ofSeconds(5)));

            assertThat(peer.received()).singleElement().satisfies(request -> {
                assertThat(request.path()).isEqualTo("/alerts");
                assertThat(request.authorization()).isEqualTo("Bearer t-123");
                assertThat(request.body().path("event").asText()).isEqualTo("failed");
                assertThat(request.body().path("job").asText()).isEqualTo("ipam-report");
                assertThat(request.body().path("run_id").asLong()).isEqualTo(42);
                assertThat(request.body().path("title").asText()).isEqualTo("[netcron] job ipam-report failed");
                assertThat(request.body().path("details").path("attempt").asInt()).isEqualTo(3);
            });
        }
    }

    @Test
    void slackGetsAFallbackTextAndBlocks()
            throws Exception
    {
        try (WebhookPeer peer = WebhookPeer.slack()) {
            senders(Credentials.of(Map.of()), defaults()).send(route(AlertRoute.Channel.SLACK, peer.url(SLACK_PATH), null), failed(), Deadline.after(Duration.ofSeconds(5)));

            var body = peer.received().getFirst().body();
            assertThat(body.path("text").asText()).startsWith("[netcron] job ipam-report failed\nJob ipam-report failed");
            assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
            assertThat(body.path("blocks").get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
            assertThat(body.path("blocks").get(1).path("text").path("text").asText()).contains("connection refused &lt;10.0.0.1&gt;");
            assertThat(body.path("blocks").get(2).path("elements").findValuesAsText("text")).contains("*Run:* 42");
        }
    }

    @Test
    void teamsGetsAnAdaptiveCardInAMessageEnvelope()
            throws Exception
    {
        try (WebhookPeer peer = WebhookPeer.teams()) {
            senders(Credentials.of(Map.of()), defaults()).send(route(AlertRoute.Channel.TEAMS, peer.url("/webhookb2/abc"), null), failed(), Deadline.after(Duration.ofSeconds(5)));

            var body = peer.received().getFirst().body();
            assertThat(body.path("type").asText()).isEqualTo("message");
            var attachment = body.path("attachments").get(0);
            assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            assertThat(attachment.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(attachment.path("content").path("body").get(0).path("text").asText()).isEqualTo("[netcron] job ipam-report failed");
            assertThat(attachment.path("content").path("body").get(2).path("facts").findValuesAsText("title")).containsExactly("Event", "Job", "Run", "Node", "At");
        }
    }

    @Test
    void aRefusedWebhookNamesTheHostAndStatusButNotTheTokenInItsPath()
    {
        try (WebhookPeer peer = WebhookPeer.slack()) {
            peer.failWith(403, "invalid_token");
            Credentials credentials = Credentials.of(Map.of("slack", new Credential("slack", Map.of("url", Secret.of(peer.url(SLACK_PATH))))));

            assertThatThrownBy(() -> senders(credentials, defaults()).send(route(AlertRoute.Channel.SLACK, null, "slack"), failed(), Deadline.after(Duration.ofSeconds(5))))
                    .isInstanceOf(AlertDeliveryException.class)
                    .hasMessageContaining("slack webhook at 127.0.0.1:")
                    .hasMessageContaining("HTTP 403: invalid_token")
                    .hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    void anUnreachableWebhookDoesNotShowTheTokenInItsPath()
            throws Exception
    {
        String url;
        try (WebhookPeer peer = WebhookPeer.slack()) {
            url = peer.url(SLACK_PATH);
        }
        assertThatThrownBy(() -> senders(Credentials.of(Map.of()), defaults()).send(route(AlertRoute.Channel.SLACK, url, null), failed(), Deadline.after(Duration.ofSeconds(5))))
                .isInstanceOf(AlertDeliveryException.class)
                .hasMessageContaining("slack webhook at 127.0.0.1:")
                .hasMessageContaining("connection refused")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void emailArrivesAtTheSmtpServerWithTheTitleAsSubject()
            throws Exception
    {
        AlertsConfig config = AlertsConfig.from(Settings.of(Map.of(
                "alerts.smtp-host", "127.0.0.1",
                "alerts.smtp-port", Integer.toString(SMTP.getSmtp().getPort()),
                "alerts.smtp-from", "netcron@example.net")));

        senders(Credentials.of(Map.of()), config).send(route(AlertRoute.Channel.EMAIL, "noc@example.net, oncall@example.net", null), failed(), Deadline.after(Duration.ofSeconds(5)));

        MimeMessage[] messages = SMTP.getReceivedMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages[0].getSubject()).isEqualTo("[netcron] job ipam-report failed");
        assertThat(messages[0].getFrom()[0].toString()).isEqualTo("netcron@example.net");
        assertThat(GreenMailUtil.getBody(messages[0])).contains("Job ipam-report failed").contains("Run: 42");
    }

    @Test
    void emailWithoutAnSmtpServerSaysWhichSettingIsMissing()
    {
        assertThatThrownBy(() -> senders(Credentials.of(Map.of()), defaults()).send(route(AlertRoute.Channel.EMAIL, "noc@example.net", null), failed(), Deadline.after(Duration.ofSeconds(5))))
                .isInstanceOf(AlertDeliveryException.class)
                .hasMessageContaining("set alerts.smtp-host");
    }

    private AlertSenders senders(Credentials credentials, AlertsConfig config)
    {
        return new AlertSenders(new WebhookPoster(http, credentials), new EmailSender(config, credentials));
    }

    private static AlertsConfig defaults()
    {
        return AlertsConfig.from(Settings.of(Map.of()));
    }

    static AlertRoute route(AlertRoute.Channel channel, String target, String credential)
    {
        return new AlertRoute(7, "*", Optional.empty(), Optional.empty(), channel, Optional.ofNullable(target), Optional.ofNullable(credential), true, Instant.now());
    }

    private static Alert failed()
    {
        return new Alert("failed", "alert", "ipam-report", Optional.of("ipam-report"), Optional.of(42L), Optional.of("node-a"),
                "Job ipam-report failed (run 42, attempt 3 on node node-a): connection refused <10.0.0.1>",
                "{\"attempt\": 3, \"status\": \"failed\"}", Instant.parse("2026-11-30T12:00:00Z"), 1, Optional.empty());
    }
}
