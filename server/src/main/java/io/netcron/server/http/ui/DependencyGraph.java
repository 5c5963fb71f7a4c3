package io.netcron.server.http.ui;

import io.netcron.server.http.ui.DashboardQueries.Dependency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.netcron.server.http.ui.Html.escape;

/**
 * The dependency graph as an inline SVG: jobs in columns by their longest path from a job with no
 * upstream (the graph is acyclic: cycles are refused when written), an arrow per edge coloured by
 * its condition, each box linking to the job's page and coloured by its last status.
 */
final class DependencyGraph
{
    private static final int BOX_WIDTH = 180;
    private static final int BOX_HEIGHT = 30;
    private static final int COLUMN = 240;
    private static final int ROW = 48;
    private static final int MARGIN = 10;

    private DependencyGraph() {}

    static String svg(List<Dependency> edges, Map<String, String> lastStatus)
    {
        if (edges.isEmpty()) {
            return "<p class=\"muted\">No dependencies: add rows to <code>netcron.job_dependency</code>.</p>";
        }
        Map<String, List<String>> upstreams = new HashMap<>();
        TreeSet<String> jobs = new TreeSet<>();
        for (Dependency edge : edges) {
            upstreams.computeIfAbsent(edge.job(), job -> new ArrayList<>()).add(edge.dependsOn());
            jobs.add(edge.job());
            jobs.add(edge.dependsOn());
        }
        Map<String, Integer> layer = new HashMap<>();
        jobs.forEach(job -> layerOf(job, upstreams, layer, 0));
        Map<Integer, List<String>> columns = new TreeMap<>();
        jobs.forEach(job -> columns.computeIfAbsent(layer.get(job), column -> new ArrayList<>()).add(job));
        Map<String, int[]> position = new HashMap<>();
        int rows = 0;
        for (Map.Entry<Integer, List<String>> column : columns.entrySet()) {
            List<String> names = column.getValue();
            for (int i = 0; i < names.size(); i++) {
                position.put(names.get(i), new int[] {MARGIN + column.getKey() * COLUMN, MARGIN + i * ROW});
            }
            rows = Math.max(rows, names.size());
        }
        int width = MARGIN * 2 + (columns.size() - 1) * COLUMN + BOX_WIDTH;
        int height = MARGIN * 2 + (rows - 1) * ROW + BOX_HEIGHT;
        StringBuilder out = new StringBuilder("<div class=\"graph\"><svg id=\"dependency-graph\" role=\"img\" viewBox=\"0 0 " + width + " " + height
                + "\" width=\"" + width + "\" height=\"" + height + "\"><title>job dependencies</title><defs>");
        for (String kind : List.of("success", "failure", "completion")) {
            out.append("<marker id=\"arrow-").append(kind).append("\" class=\"").append(kind)
                    .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>");
        }
        out.append("</defs>");
        for (Dependency edge : edges) {
            int[] from = position.get(edge.dependsOn());
            int[] to = position.get(edge.job());
            int x1 = from[0] + BOX_WIDTH;
            int y1 = from[1] + BOX_HEIGHT / 2;
            int x2 = to[0];
            int y2 = to[1] + BOX_HEIGHT / 2;
            String kind = edge.on().replaceAll("[^a-z]", "");
            out.append("<path class=\"edge ").append(kind).append("\" d=\"M").append(x1).append(',').append(y1).append(" C").append(x1 + 30).append(',').append(y1)
                    .append(' ').append(x2 - 30).append(',').append(y2).append(' ').append(x2).append(',').append(y2).append("\" marker-end=\"url(#arrow-").append(kind)
                    .append(")\"><title>").append(escape(edge.job() + " runs after " + edge.dependsOn() + " ends with " + edge.on())).append("</title></path>");
        }
        for (String job : jobs) {
            int[] at = position.get(job);
            String status = lastStatus.get(job);
            out.append("<a href=\"/ui/job?name=").append(escape(Html.url(job))).append("\"><rect class=\"box ").append(status == null ? "none" : Sparkline.outcome(status))
                    .append("\" x=\"").append(at[0]).append("\" y=\"").append(at[1]).append("\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT)
                    .append("\" rx=\"6\"/><text x=\"").append(at[0] + 8).append("\" y=\"").append(at[1] + 20).append("\">")
                    .append(escape(job.length() > 24 ? job.substring(0, 23) + "…" : job)).append("</text></a>");
        }
        out.append("</svg></div><p class=\"muted small\">Arrows point from the upstream job to the job that runs after it: "
                + "<span class=\"legend success\">on success</span> <span class=\"legend failure\">on failure</span> <span class=\"legend completion\">on completion</span>; "
                + "boxes are coloured by the last run's status.</p>");
        return out.toString();
    }

    private static int layerOf(String job, Map<String, List<String>> upstreams, Map<String, Integer> layer, int depth)
    {
        Integer known = layer.get(job);
        if (known != null) {
            return known;
        }
        int value = 0;
        // depth bounds a cycle that slipped past the write-time check (it would otherwise recurse forever)
        if (depth < 100) {
            for (String upstream : upstreams.getOrDefault(job, List.of())) {
                value = Math.max(value, layerOf(upstream, upstreams, layer, depth + 1) + 1);
            }
        }
        layer.put(job, value);
        return value;
    }
}
