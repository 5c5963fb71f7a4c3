package io.netcron.server.http.ui;

import io.netcron.server.http.ui.DashboardQueries.RunDot;

import java.util.List;

/**
 * Recent runs as an inline SVG: one bar per run, newest at the right, height by duration (relative to
 * the longest shown), colour by outcome through CSS classes (no inline styles, so the page's
 * Content-Security-Policy can forbid them).
 */
final class Sparkline
{
    static final int WIDTH = 120;
    static final int HEIGHT = 24;

    private Sparkline() {}

    static String svg(List<RunDot> runs)
    {
        if (runs.isEmpty()) {
            return "<span class=\"muted\">no runs</span>";
        }
        long longest = runs.stream().mapToLong(run -> run.durationMs() == null ? 0 : run.durationMs()).max().orElse(0);
        double slot = (double) WIDTH / DashboardQueries.SPARKLINE_RUNS;
        StringBuilder out = new StringBuilder("<svg class=\"spark\" role=\"img\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\"><title>");
        long failed = runs.stream().filter(run -> outcome(run.status()).equals("bad")).count();
        out.append(Html.escape(runs.size() + " recent runs, " + failed + " failed")).append("</title>");
        // newest at the right edge, as sparklines read
        int offset = Math.max(0, DashboardQueries.SPARKLINE_RUNS - runs.size());
        for (int i = 0; i < runs.size(); i++) {
            RunDot run = runs.get(i);
            long duration = run.durationMs() == null ? 0 : run.durationMs();
            // a floor of 3px so a failed or instant run stays visible
            double height = longest == 0 ? 3 : Math.max(3, (HEIGHT - 2) * (double) duration / longest);
            out.append("<rect class=\"").append(outcome(run.status())).append("\" x=\"").append(format((offset + i) * slot + 0.5))
                    .append("\" y=\"").append(format(HEIGHT - height)).append("\" width=\"").append(format(slot - 1))
                    .append("\" height=\"").append(format(height)).append("\"><title>")
                    .append(Html.escape(run.status() + (run.durationMs() == null ? "" : " in " + run.durationMs() + " ms")))
                    .append("</title></rect>");
        }
        return out.append("</svg>").toString();
    }

    static String outcome(String status)
    {
        return switch (status) {
            case "succeeded" -> "ok";
            case "running" -> "run";
            case "skipped" -> "skip";
            default -> "bad";
        };
    }

    private static String format(double value)
    {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
