package io.netcron.server.http.ui;

import io.netcron.server.http.ui.DashboardQueries.NodeLine;
import io.netcron.server.http.ui.DashboardQueries.RunLine;

import java.time.Instant;
import java.util.List;

import static io.netcron.server.http.ui.Html.escape;

/** The nodes page, the recent failures and the login form. */
final class ClusterPages
{
    private ClusterPages() {}

    static String nodes(List<NodeLine> nodes, Instant now)
    {
        if (nodes.isEmpty()) {
            return "<h1>Nodes</h1><p class=\"muted\">No node has registered yet.</p>";
        }
        StringBuilder out = new StringBuilder("<h1>Nodes</h1><table id=\"nodes\" class=\"cards\"><thead><tr><th>Node</th><th>State</th><th>Check-in</th>")
                .append("<th>Clock offset</th><th>Threads busy</th><th>Running</th></tr></thead><tbody>");
        for (NodeLine node : nodes) {
            out.append("<tr data-node=\"").append(escape(node.nodeId())).append("\"><td data-label=\"Node\"><b>").append(escape(node.nodeId()))
                    .append("</b><div class=\"muted small\">").append(escape(node.host())).append(" · ").append(escape(node.version())).append("</div></td>")
                    .append("<td data-label=\"State\">").append(Html.badge(node.alive() ? node.state().equals("active") ? "ok" : "warn" : "bad", node.state()))
                    .append(node.alive() ? "" : " " + Html.badge("bad", "gone")).append("</td>")
                    .append("<td data-label=\"Check-in\">").append(escape(Html.duration(node.checkInAge()))).append(" ago</td>")
                    .append("<td data-label=\"Clock offset\">").append(node.clockOffsetMillis() == null ? "<span class=\"muted\">—</span>" : escape(node.clockOffsetMillis() + " ms"))
                    .append("</td><td data-label=\"Threads busy\"><meter min=\"0\" max=\"").append(Math.max(1, node.threads())).append("\" value=\"")
                    .append(Math.min(node.running(), Math.max(1, node.threads()))).append("\"></meter> ").append(node.running()).append(" / ").append(node.threads())
                    .append("</td><td data-label=\"Running\">");
            node.runningJobs().forEach(job -> out.append("<a href=\"/ui/job?name=").append(escape(Html.url(job))).append("\">").append(escape(job)).append("</a> "));
            out.append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    static String failures(List<RunLine> failures, Instant now)
    {
        return "<h1>Recent failures</h1><p class=\"muted\">Failed, timed-out and abandoned runs across the cluster, newest first (at most "
                + DashboardQueries.FAILURES + ").</p>" + JobPages.runs(failures, true, now);
    }

    static String login(String user, String error)
    {
        StringBuilder out = new StringBuilder("<h1>Log in</h1>");
        if (error != null) {
            out.append("<p id=\"login-error\" class=\"flash bad\">").append(escape(error)).append("</p>");
        }
        return out.append("<form id=\"login\" class=\"narrow\" method=\"post\" action=\"/ui/login\">")
                .append("<label>PostgreSQL user<input name=\"user\" autocomplete=\"username\" required value=\"").append(escape(user)).append("\"></label>")
                .append("<label>Password<input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>")
                .append("<button id=\"login-submit\" type=\"submit\">Log in</button></form>")
                .append("<p class=\"muted small\">Your database login, a member of <code>netcron_operator</code>. Pages stay readable without one.</p>")
                .toString();
    }
}
