package io.netcron.server.http.ui;

import io.netcron.server.http.ui.DashboardQueries.AuditLine;
import io.netcron.server.http.ui.DashboardQueries.Dependency;
import io.netcron.server.http.ui.DashboardQueries.JobLine;
import io.netcron.server.http.ui.DashboardQueries.RunLine;
import io.netcron.server.jobtable.JobRow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import static io.netcron.server.http.ui.Html.escape;

/** The jobs list and one job's page (runs, audit, dependencies and, for a logged-in operator, the actions). */
final class JobPages
{
    /** The status filter's choices: value and label. */
    static final List<List<String>> STATUS_FILTERS = List.of(
            List.of("", "any status"), List.of("failing", "last run failed"), List.of("running", "running now"),
            List.of("paused", "paused"), List.of("error", "schedule error"), List.of("ok", "last run succeeded"));
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx (VV)");

    /** What the schedule-edit form shows after "Preview": the values and their next fire times, or why they are refused. */
    record Preview(String schedule, String timeZone, List<ZonedDateTime> fireTimes, Optional<String> error) {}

    private JobPages() {}

    static boolean matches(JobLine line, String category, String status)
    {
        JobRow job = line.job();
        if (!category.isEmpty() && !category.equals(job.category())) {
            return false;
        }
        return switch (status) {
            case "failing" -> job.lastStatus() != null && List.of("failed", "timed_out", "abandoned").contains(job.lastStatus());
            case "running" -> line.running();
            case "paused" -> !job.enabled();
            case "error" -> job.scheduleError() != null;
            case "ok" -> "succeeded".equals(job.lastStatus());
            default -> true;
        };
    }

    static String jobs(List<JobLine> all, List<String> categories, String category, String status, Instant now)
    {
        List<JobLine> shown = all.stream().filter(line -> matches(line, category, status)).toList();
        StringBuilder out = new StringBuilder("<h1>Jobs</h1><form id=\"filter\" class=\"filter\" method=\"get\" action=\"/ui/jobs\">");
        out.append("<label>Category <select name=\"category\"><option value=\"\">all</option>");
        for (String each : categories) {
            out.append(option(each, each, each.equals(category)));
        }
        out.append("</select></label><label>Status <select name=\"status\">");
        for (List<String> each : STATUS_FILTERS) {
            out.append(option(each.get(0), each.get(1), each.get(0).equals(status)));
        }
        out.append("</select></label><button type=\"submit\">Filter</button></form>");
        out.append("<p class=\"muted\">").append(shown.size()).append(" of ").append(all.size()).append(" jobs</p>");
        out.append("<table id=\"jobs\" class=\"cards\"><thead><tr><th>Job</th><th>Schedule</th><th>Next fire</th><th>Last run</th><th>Recent runs</th></tr></thead><tbody>");
        for (JobLine line : shown) {
            JobRow job = line.job();
            out.append("<tr data-job=\"").append(escape(job.name())).append("\"><td data-label=\"Job\"><a href=\"/ui/job?name=").append(escape(Html.url(job.name())))
                    .append("\">").append(escape(job.name())).append("</a> ").append(badges(job, line.running()))
                    .append("<div class=\"muted small\">").append(escape(job.category())).append("</div></td>")
                    .append("<td data-label=\"Schedule\">").append(schedule(job)).append("</td>")
                    .append("<td data-label=\"Next fire\">").append(job.enabled() ? Html.timeCell(job.nextFireAt(), now) : "<span class=\"muted\">paused</span>").append("</td>")
                    .append("<td data-label=\"Last run\">").append(Html.statusBadge(job.lastStatus())).append(' ').append(Html.timeCell(job.lastRunAt(), now)).append("</td>")
                    .append("<td data-label=\"Recent runs\">").append(Sparkline.svg(line.recent())).append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    static String job(JobRow job, List<RunLine> runs, List<AuditLine> audit, List<Dependency> dependencies, Optional<UiSession> session,
            Optional<Preview> preview, Instant now)
    {
        StringBuilder out = new StringBuilder("<h1 id=\"job-name\">").append(escape(job.name())).append("</h1><p>").append(badges(job, runs.stream().anyMatch(run -> run.status().equals("running"))))
                .append(' ').append(escape(job.description())).append("</p>");
        out.append("<dl class=\"facts\">");
        fact(out, "Category", escape(job.category()));
        fact(out, "Implementation", escape(job.kind()) + " · <code>" + escape(job.implementation()) + "</code>");
        fact(out, "Schedule", schedule(job));
        fact(out, "Next fire", job.enabled() ? Html.timeCell(job.nextFireAt(), now) : "paused");
        fact(out, "Last run", Html.statusBadge(job.lastStatus()) + " " + Html.timeCell(job.lastRunAt(), now));
        if (job.scheduleError() != null) {
            fact(out, "Schedule error", "<span class=\"bad-text\">" + escape(job.scheduleError()) + "</span>");
        }
        fact(out, "Policies", escape("misfire " + job.misfirePolicy() + " · max runtime " + Html.duration(job.maxRuntime()) + " · retries " + job.maxRetries()
                + " (backoff " + Html.duration(job.retryBackoff()) + ") · concurrency " + job.concurrency()));
        fact(out, "Params", "<code class=\"wrap\">" + escape(job.paramsJson()) + "</code>");
        out.append("</dl>");
        out.append(actions(job, session, preview));
        if (!dependencies.isEmpty()) {
            out.append("<h2>Dependencies</h2><ul id=\"dependencies\" class=\"deps\">");
            for (Dependency dependency : dependencies) {
                out.append("<li>").append(jobLink(dependency.job(), job.name())).append(" runs after ").append(jobLink(dependency.dependsOn(), job.name()))
                        .append(" ends with <b>").append(escape(dependency.on())).append("</b> <span class=\"muted\">(fan-in window ")
                        .append(escape(Html.duration(dependency.within()))).append(")</span></li>");
            }
            out.append("</ul><p><a href=\"/ui/deps\">The whole graph</a></p>");
        }
        out.append("<h2>Runs</h2>").append(runs(runs, false, now));
        out.append("<h2>Changes</h2>");
        if (audit.isEmpty()) {
            out.append("<p class=\"muted\">No recorded changes.</p>");
        }
        else {
            out.append("<table id=\"audit\" class=\"cards\"><thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>");
            for (AuditLine entry : audit) {
                out.append("<tr><td data-label=\"When\">").append(Html.timeCell(entry.at(), now)).append("</td><td data-label=\"Who\">")
                        .append(escape(entry.user())).append(" <span class=\"muted small\">").append(escape(entry.application())).append("</span></td><td data-label=\"What\">")
                        .append(escape(entry.operation().toLowerCase(java.util.Locale.ROOT))).append("<ul class=\"changes\">");
                entry.changes().forEach((column, change) -> out.append("<li><code>").append(escape(column)).append("</code> ").append(escape(change)).append("</li>"));
                out.append("</ul></td></tr>");
            }
            out.append("</tbody></table>");
        }
        return out.toString();
    }

    /** Runs as a table; with {@code withJob} (the failures page) the job's name is the first column. */
    static String runs(List<RunLine> runs, boolean withJob, Instant now)
    {
        if (runs.isEmpty()) {
            return "<p class=\"muted\">No runs.</p>";
        }
        StringBuilder out = new StringBuilder("<table id=\"runs\" class=\"cards\"><thead><tr>");
        if (withJob) {
            out.append("<th>Job</th>");
        }
        out.append("<th>Run</th><th>Status</th><th>Started</th><th>Duration</th><th>Node</th><th>Details</th></tr></thead><tbody>");
        for (RunLine run : runs) {
            out.append("<tr data-run=\"").append(run.id()).append("\">");
            if (withJob) {
                out.append("<td data-label=\"Job\">").append(jobLink(run.jobName(), "")).append("</td>");
            }
            out.append("<td data-label=\"Run\">#").append(run.id()).append(" <span class=\"muted small\">attempt ").append(run.attempt())
                    .append(" · ").append(escape(run.cause())).append("</span></td>")
                    .append("<td data-label=\"Status\">").append(Html.statusBadge(run.status()));
            run.progress().filter(progress -> run.status().equals("running")).ifPresent(progress -> out.append(" <progress max=\"").append(Math.max(1, progress.total())).append("\" value=\"")
                    .append(Math.min(progress.done(), Math.max(1, progress.total()))).append("\"></progress> <span class=\"small\">")
                    .append(escape(progress.text())).append("</span>"));
            out.append("</td><td data-label=\"Started\">").append(Html.timeCell(run.startedAt(), now)).append("</td>")
                    .append("<td data-label=\"Duration\">").append(run.durationMs() == null
                            ? run.status().equals("running") ? escape(Html.duration(Duration.between(run.startedAt(), now))) + " so far" : ""
                            : escape(Html.duration(Duration.ofMillis(run.durationMs())))).append("</td>")
                    .append("<td data-label=\"Node\">").append(escape(run.nodeId())).append("</td><td data-label=\"Details\">");
            if (run.error() != null) {
                out.append("<div class=\"bad-text\">").append(escape(abbreviate(run.error(), 300))).append("</div>");
            }
            if (run.result() != null || run.output() != null && !run.output().isEmpty()) {
                out.append("<details><summary>result and output</summary>");
                if (run.result() != null) {
                    out.append("<pre>").append(escape(run.result())).append("</pre>");
                }
                if (run.output() != null && !run.output().isEmpty()) {
                    out.append("<pre>").append(escape(run.output())).append("</pre>");
                }
                out.append("</details>");
            }
            out.append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    private static String actions(JobRow job, Optional<UiSession> session, Optional<Preview> preview)
    {
        if (session.isEmpty()) {
            return "<p class=\"muted\" id=\"read-only\"><a href=\"/ui/login\">Log in</a> as an operator to run, pause or reschedule this job.</p>";
        }
        String csrf = Html.csrfField(session.get());
        String name = "<input type=\"hidden\" name=\"job\" value=\"" + escape(job.name()) + "\">";
        StringBuilder out = new StringBuilder("<section class=\"actions\"><h2>Actions</h2><div class=\"action-row\">");
        out.append("<form id=\"toggle\" method=\"post\" action=\"/ui/action\">").append(csrf).append(name)
                .append(job.enabled()
                        ? "<input type=\"hidden\" name=\"op\" value=\"pause\"><button id=\"pause\" type=\"submit\">Pause</button>"
                        : "<input type=\"hidden\" name=\"op\" value=\"resume\"><button id=\"resume\" type=\"submit\">Resume</button>")
                .append("</form></div>");
        out.append("<form id=\"run\" method=\"post\" action=\"/ui/action\">").append(csrf).append(name)
                .append("<input type=\"hidden\" name=\"op\" value=\"run\"><label>Params for this run (one <code>key=value</code> a line; values may be JSON)")
                .append("<textarea name=\"params\" rows=\"2\" placeholder=\"dry_run=true\"></textarea></label>");
        if (!job.enabled()) {
            out.append("<label class=\"inline\"><input type=\"checkbox\" name=\"force\" value=\"true\"> run although paused</label>");
        }
        out.append("<button id=\"run-now\" type=\"submit\">Run now</button></form>");
        String schedule = preview.map(Preview::schedule).orElse(job.schedule().orElse(""));
        String zone = preview.map(Preview::timeZone).orElse(job.timeZone());
        out.append("<form id=\"schedule\" method=\"post\" action=\"/ui/action\">").append(csrf).append(name)
                .append("<input type=\"hidden\" name=\"op\" value=\"preview\"><label>Schedule (cron; empty = on demand only)")
                .append("<input name=\"schedule\" value=\"").append(escape(schedule)).append("\" autocomplete=\"off\"></label>")
                .append("<label>Time zone<input name=\"zone\" value=\"").append(escape(zone)).append("\" autocomplete=\"off\"></label>")
                .append("<button id=\"preview\" type=\"submit\">Preview</button></form>");
        preview.ifPresent(shown -> {
            out.append("<div id=\"preview-result\" class=\"preview\">");
            if (shown.error().isPresent()) {
                out.append("<p class=\"bad-text\">").append(escape(shown.error().get())).append("</p>");
            }
            else {
                out.append(shown.schedule().isEmpty() ? "<p>On demand only: no fire times.</p>"
                        : "<p>Next fire times of <code>" + escape(shown.schedule()) + "</code> in " + escape(shown.timeZone()) + ":</p><ol id=\"fire-times\">");
                shown.fireTimes().forEach(time -> out.append("<li>").append(escape(ZONED.format(time))).append("</li>"));
                if (!shown.schedule().isEmpty()) {
                    out.append("</ol>");
                }
                out.append("<form id=\"save-schedule\" method=\"post\" action=\"/ui/action\">").append(csrf).append(name)
                        .append("<input type=\"hidden\" name=\"op\" value=\"schedule\"><input type=\"hidden\" name=\"schedule\" value=\"").append(escape(shown.schedule()))
                        .append("\"><input type=\"hidden\" name=\"zone\" value=\"").append(escape(shown.timeZone()))
                        .append("\"><button id=\"save\" type=\"submit\">Save this schedule</button></form>");
            }
            out.append("</div>");
        });
        return out.append("</section>").toString();
    }

    private static String badges(JobRow job, boolean running)
    {
        StringBuilder out = new StringBuilder();
        if (!job.enabled()) {
            out.append(Html.badge("warn", "paused")).append(' ');
        }
        if (job.scheduleError() != null) {
            out.append(Html.badge("bad", "schedule error")).append(' ');
        }
        if (running) {
            out.append(Html.badge("run", "running")).append(' ');
        }
        return out.toString().trim();
    }

    private static String schedule(JobRow job)
    {
        if (job.schedule().isEmpty()) {
            return "<span class=\"muted\">on demand</span>";
        }
        String cron = job.schedule().get();
        return ScheduleWords.describe(cron).map(words -> escape(words) + "<br>").orElse("")
                + "<code>" + escape(cron) + "</code> <span class=\"muted small\">" + escape(job.timeZone()) + "</span>";
    }

    private static String jobLink(String name, String current)
    {
        return name.equals(current) ? "<b>" + escape(name) + "</b>" : "<a href=\"/ui/job?name=" + escape(Html.url(name)) + "\">" + escape(name) + "</a>";
    }

    private static void fact(StringBuilder out, String label, String html)
    {
        out.append("<dt>").append(escape(label)).append("</dt><dd>").append(html).append("</dd>");
    }

    static String option(String value, String label, boolean selected)
    {
        return "<option value=\"" + escape(value) + "\"" + (selected ? " selected" : "") + ">" + escape(label) + "</option>";
    }

    private static String abbreviate(String text, int length)
    {
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
