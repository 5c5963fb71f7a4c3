package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code netcron deps [JOB]}: the job dependency graph ({@code netcron.job_dependency}) as text trees,
 * upstream jobs at the roots; a job with several upstreams (fan-in) shows under each with its partners.
 */
@Command(name = "deps", description = "Job dependencies (netcron.job_dependency) as a tree: which job runs after which.")
public final class DepsCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "Only the trees that contain this job")
    String only;

    /** One edge: {@code job} runs when {@code dependsOn} ends {@code on} (within the fan-in window). */
    public record Edge(String job, String dependsOn, String on, String within, String lastRequest) {}

    @Override
    public Integer call()
    {
        try (CliDatabase database = CliDatabase.open(options.load())) {
            List<Edge> edges = edges(database.database());
            if (edges.isEmpty()) {
                System.out.println("No job dependencies. Add one with SQL, e.g.\n"
                        + "  INSERT INTO netcron.job_dependency (job, depends_on, \"on\") VALUES ('ipam-report', 'svi-import', 'success');");
                return 0;
            }
            print(edges, only, System.out);
        }
        return 0;
    }

    static List<Edge> edges(Database database)
    {
        return database.query("""
                        SELECT d.job, d.depends_on, d."on", d.within::text AS within,
                               (SELECT max(requested_at)::text FROM netcron.job_request r
                                WHERE r.job_name = d.job AND r.trigger_run_id IS NOT NULL) AS last_request
                        FROM netcron.job_dependency d ORDER BY d.depends_on, d.job""",
                row -> new Edge(row.getString("job"), row.getString("depends_on"), row.getString("on"), row.getString("within"), row.getString("last_request")));
    }

    static void print(List<Edge> edges, String only, PrintStream out)
    {
        Map<String, List<Edge>> downstream = new LinkedHashMap<>();
        Map<String, List<Edge>> upstream = new LinkedHashMap<>();
        for (Edge edge : edges) {
            downstream.computeIfAbsent(edge.dependsOn(), key -> new ArrayList<>()).add(edge);
            upstream.computeIfAbsent(edge.job(), key -> new ArrayList<>()).add(edge);
        }
        Set<String> roots = new TreeSet<>(downstream.keySet());
        roots.removeAll(upstream.keySet());
        boolean printed = false;
        for (String root : roots) {
            List<String> lines = new ArrayList<>();
            Set<String> jobs = new TreeSet<>(Set.of(root));
            lines.add(root);
            walk(root, "", downstream, upstream, lines, jobs);
            if (only == null || jobs.contains(only)) {
                lines.forEach(out::println);
                printed = true;
            }
        }
        if (!printed && only != null) {
            throw new UserException("job '" + only + "' has no dependencies and no dependents (see 'netcron deps')");
        }
    }

    private static void walk(String job, String indent, Map<String, List<Edge>> downstream, Map<String, List<Edge>> upstream, List<String> lines, Set<String> jobs)
    {
        List<Edge> children = downstream.getOrDefault(job, List.of());
        for (int i = 0; i < children.size(); i++) {
            Edge edge = children.get(i);
            boolean last = i == children.size() - 1;
            List<Edge> partners = upstream.get(edge.job()).stream().filter(other -> !other.dependsOn().equals(job)).toList();
            StringBuilder line = new StringBuilder(indent).append(last ? "└─ " : "├─ ").append(edge.job()).append(" (on ").append(edge.on());
            if (!partners.isEmpty()) {
                line.append("; fan-in: also ").append(String.join(", ", partners.stream().map(other -> other.dependsOn() + " on " + other.on()).toList()))
                        .append(" within ").append(edge.within());
            }
            line.append(')');
            if (edge.lastRequest() != null) {
                line.append("  last run requested ").append(edge.lastRequest());
            }
            lines.add(line.toString());
            jobs.add(edge.job());
            walk(edge.job(), indent + (last ? "   " : "│  "), downstream, upstream, lines, jobs);
        }
    }
}
