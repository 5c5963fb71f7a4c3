package io.netcron.server.http.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Server-rendered HTML: every value written into a page goes through {@link #escape}, so a job
 * name, an error or a run's output can never become markup. Pages share one layout with a
 * viewport meta (usable on a phone), one stylesheet and one small script, all from the jar.
 */
final class Html
{
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Html() {}

    static String escape(Object value)
    {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query-string value, percent-encoded (then HTML-escaped where it lands in an attribute). */
    static String url(String value)
    {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String time(Instant instant)
    {
        return instant == null ? "" : UTC_TIME.format(instant);
    }

    /** "3m ago", "in 2h 5m": how far an instant is from now, for a glance. */
    static String relative(Instant instant, Instant now)
    {
        if (instant == null) {
            return "";
        }
        Duration distance = Duration.between(now, instant);
        String amount = duration(distance.abs());
        return distance.isNegative() ? amount + " ago" : "in " + amount;
    }

    static String duration(Duration duration)
    {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return duration.toMillis() + "ms";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        return seconds / 86400 + "d " + seconds % 86400 / 3600 + "h";
    }

    /** A time with its distance from now; the exact instant in a tooltip-free, readable form. */
    static String timeCell(Instant instant, Instant now)
    {
        if (instant == null) {
            return "<span class=\"muted\">—</span>";
        }
        return "<time datetime=\"" + escape(instant) + "\">" + escape(time(instant)) + "</time> <span class=\"muted\">" + escape(relative(instant, now)) + "</span>";
    }

    static String badge(String kind, String text)
    {
        return "<span class=\"badge " + escape(kind) + "\">" + escape(text) + "</span>";
    }

    static String statusBadge(String status)
    {
        if (status == null) {
            return "<span class=\"muted\">never ran</span>";
        }
        String kind = switch (status) {
            case "succeeded" -> "ok";
            case "running" -> "run";
            case "skipped" -> "muted";
            default -> "bad";
        };
        return badge(kind, status);
    }

    /**
     * The whole page: navigation, who is logged in (with a logout form carrying the CSRF token),
     * an optional one-line message, and the body.
     */
    static String page(String title, String active, Optional<UiSession> session, Optional<Flash> flash, String body)
    {
        StringBuilder out = new StringBuilder(body.length() + 2048);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append(" · netcron</title>")
                .append("<link rel=\"stylesheet\" href=\"/ui/static/app.css\">")
                .append("<script src=\"/ui/static/app.js\" defer></script></head><body>")
                .append("<header><a class=\"brand\" href=\"/ui/jobs\">netcron</a><nav>");
        for (String[] link : new String[][] {{"jobs", "Jobs"}, {"deps", "Dependencies"}, {"nodes", "Nodes"}, {"failures", "Failures"}}) {
            out.append("<a href=\"/ui/").append(link[0]).append('"').append(link[0].equals(active) ? " class=\"active\"" : "").append('>')
                    .append(link[1]).append("</a>");
        }
        out.append("</nav><div class=\"who\">");
        if (session.isPresent()) {
            out.append("<span id=\"user\">").append(escape(session.get().user())).append("</span>")
                    .append("<form method=\"post\" action=\"/ui/logout\">").append(csrfField(session.get()))
                    .append("<button type=\"submit\" class=\"link\">Log out</button></form>");
        }
        else {
            out.append("<a id=\"login-link\" href=\"/ui/login\">Log in</a>");
        }
        out.append("</div></header><main>");
        flash.ifPresent(message -> out.append("<p id=\"flash\" class=\"flash ").append(message.error() ? "bad" : "ok").append("\">")
                .append(escape(message.text())).append("</p>"));
        out.append(body).append("</main></body></html>\n");
        return out.toString();
    }

    static String csrfField(UiSession session)
    {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(session.csrfToken()) + "\">";
    }

    /** A one-line message shown once on the next page (after a POST redirects). */
    record Flash(String text, boolean error) {}
}
