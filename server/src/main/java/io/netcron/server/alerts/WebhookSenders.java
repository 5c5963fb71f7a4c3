package io.netcron.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.http.Json;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON each webhook channel gets: a generic document for {@code webhook}, Slack's incoming
 * webhook message ({@code text} plus blocks), and for Teams an Adaptive Card in a {@code message}
 * envelope (what Teams incoming webhooks and Workflows webhooks both accept).
 */
final class WebhookSenders
{
    private static final int SLACK_HEADER_MAX = 150;

    private WebhookSenders() {}

    static AlertSender webhook(WebhookPoster poster)
    {
        return (route, alert, deadline) -> poster.post(route, generic(alert), deadline);
    }

    static AlertSender slack(WebhookPoster poster)
    {
        return (route, alert, deadline) -> poster.post(route, slack(alert), deadline);
    }

    static AlertSender teams(WebhookPoster poster)
    {
        return (route, alert, deadline) -> poster.post(route, teams(alert), deadline);
    }

    static ObjectNode generic(Alert alert)
    {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("event", alert.event());
        root.put("sent_as", alert.sentAs());
        root.put("title", alert.title());
        root.put("message", alert.message());
        root.put("subject", alert.subject());
        alert.jobName().ifPresent(job -> root.put("job", job));
        alert.runId().ifPresent(run -> root.put("run_id", run));
        alert.nodeId().ifPresent(node -> root.put("node", node));
        root.put("occurred_at", alert.occurredAt().toString());
        root.put("incident_events", alert.incidentEvents());
        alert.incidentSince().ifPresent(since -> root.put("incident_since", since.toString()));
        root.set("details", details(alert));
        return root;
    }

    static ObjectNode slack(Alert alert)
    {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("text", alert.title() + "\n" + alert.message());
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        String title = alert.title();
        header.putObject("text").put("type", "plain_text").put("text", title.length() <= SLACK_HEADER_MAX ? title : title.substring(0, SLACK_HEADER_MAX - 3) + "...");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", slackEscape(alert.message()));
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        facts(alert).forEach((name, value) -> context.addObject().put("type", "mrkdwn").put("text", "*" + name + ":* " + slackEscape(value)));
        return root;
    }

    static ObjectNode teams(Alert alert)
    {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", alert.title()).put("weight", "Bolder").put("size", "Medium").put("wrap", true)
                .put("color", "recovered".equals(alert.sentAs()) ? "Good" : "Attention");
        body.addObject().put("type", "TextBlock").put("text", alert.message()).put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        facts(alert).forEach((name, value) -> facts.addObject().put("title", name).put("value", value));
        return root;
    }

    private static Map<String, String> facts(Alert alert)
    {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Event", alert.event());
        alert.jobName().ifPresent(job -> facts.put("Job", job));
        alert.runId().ifPresent(run -> facts.put("Run", Long.toString(run)));
        alert.nodeId().ifPresent(node -> facts.put("Node", node));
        facts.put("At", alert.occurredAt().toString());
        return facts;
    }

    private static JsonNode details(Alert alert)
    {
        try {
            return Json.MAPPER.readTree(alert.detailsJson());
        }
        catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    /** Slack mrkdwn treats &, < and > as control characters. */
    private static String slackEscape(String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
