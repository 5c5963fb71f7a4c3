package io.netcron.jobs.hardware;

import io.netcron.fanout.FanOut;
import io.netcron.fanout.FanOutResult;
import io.netcron.fanout.TargetResult;
import io.netcron.ipam.Device;
import io.netcron.ipam.Ipam;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.metrics.JobMetrics;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * One refresh run of a family: devices from NetBox (or an inventory file), facts read by the
 * family's reader in a bounded fan-out, written back to NetBox where they differ. Result: counts by
 * outcome ({@code changed}, {@code unchanged}, {@code skipped} for a dry run's would-be writes, and
 * the failures), the failures with reasons, model mismatches, and the run's per-platform metrics.
 */
final class HwinfoRefresh
{
    static final int LISTED = 50;
    /** Counter of devices per run outcome, {@code netcron_hwinfo_devices_total{platform, outcome}} in Prometheus. */
    static final String DEVICES = "netcron.hwinfo.devices";
    /** Gauge of the last run's fan-out time, {@code netcron_hwinfo_last_run_duration_seconds{platform}}. */
    static final String LAST_RUN_DURATION = "netcron.hwinfo.last.run.duration.seconds";

    private final Family family;
    private final Ipam ipam;
    private final JobMetrics jobMetrics;

    HwinfoRefresh(Family family, Ipam ipam, JobMetrics jobMetrics)
    {
        this.family = requireNonNull(family, "family is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.jobMetrics = requireNonNull(jobMetrics, "jobMetrics is null");
    }

    JobResult run(JobContext context, HwinfoParams params, FactsReader reader)
            throws Exception
    {
        Deadline deadline = context.deadline();
        List<Candidate> candidates = candidates(context, params, deadline);
        context.output(family.name() + ": " + candidates.size() + " devices" + (params.dryRun() ? " (dry run: nothing is written)" : ""));
        reader.prepare(candidates.stream().flatMap(candidate -> candidate.target().stream()).toList(), deadline);

        WriteBack writeBack = new WriteBack(ipam, params.swVersionField(), params.refreshedAtField());
        Instant now = context.clock().instant();
        ConcurrentLinkedQueue<Map<String, String>> mismatches = new ConcurrentLinkedQueue<>();
        AtomicLong mismatchCount = new AtomicLong();
        AtomicLong fieldsWritten = new AtomicLong();
        FanOutResult result = FanOut.over(candidates)
                .context(context)
                .named(Candidate::name)
                .concurrency(params.concurrency())
                .perTargetTimeout(params.perDeviceTimeout())
                .maxFailureShare(params.failureShare())
                .listedFailures(LISTED)
                .run((candidate, scope) -> {
                    if (candidate.problem().isPresent()) {
                        TargetException problem = candidate.problem().get();
                        if (candidate.skip()) {
                            return TargetResult.skipped(problem.getMessage());
                        }
                        throw problem;
                    }
                    HwTarget target = candidate.target().orElseThrow();
                    HardwareFacts facts = reader.read(target, scope.deadline());
                    if (target.device().isEmpty()) {
                        return TargetResult.ok("not in NetBox: facts read, nothing written");
                    }
                    Device device = target.device().get();
                    WriteBack.modelMismatch(device, facts).ifPresent(expected -> {
                        mismatchCount.incrementAndGet();
                        if (mismatches.size() < LISTED) {
                            mismatches.add(Map.of("device", target.name(), "netbox_model", expected, "device_model", facts.model()));
                        }
                    });
                    Map<String, Object> patch = writeBack.plan(device, facts, now);
                    if (patch.isEmpty()) {
                        return TargetResult.unchanged();
                    }
                    if (params.dryRun()) {
                        return TargetResult.skipped("dry run: would write " + WriteBack.describe(patch));
                    }
                    Map<String, Object> written = writeBack.apply(device, patch, scope.deadline());
                    fieldsWritten.addAndGet(WriteBack.describe(written).split(", ").length);
                    return TargetResult.changed(WriteBack.describe(written));
                });

        publish(result);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("family", family.name());
        values.put("dry_run", params.dryRun());
        values.put("source", params.inventoryFile().isEmpty() ? "netbox" : "inventory_file");
        values.putAll(result.toJobResult().values());
        values.put("model_mismatches", List.copyOf(mismatches));
        values.put("model_mismatch_count", mismatchCount.get());
        values.put("fields_written", fieldsWritten.get());
        values.put("metrics", metrics(result));
        JobResult summary = new JobResult(values);
        context.output(family.name() + ": " + result.counts());
        if (result.tooManyFailed()) {
            throw new JobFailedException(family.name() + ": " + result.summary(), summary);
        }
        return summary;
    }

    /** The run on the node's {@code /metrics}: devices by outcome (counters) and the run's duration (gauge). */
    private void publish(FanOutResult result)
    {
        result.counts().forEach((outcome, count) ->
                jobMetrics.count(DEVICES, Map.of("platform", family.name(), "outcome", outcome.sqlName()), count));
        jobMetrics.gauge(LAST_RUN_DURATION, Map.of("platform", family.name()), result.elapsed().toNanos() / 1e9);
    }

    /** Per-platform numbers also kept in the run's result, for `netcron run` and the run history. */
    private Map<String, Object> metrics(FanOutResult result)
    {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("platform", family.name());
        metrics.put("devices_refreshed", result.count(Outcome.CHANGED) + result.count(Outcome.UNCHANGED) + result.count(Outcome.OK));
        metrics.put("devices_failed", result.failed());
        metrics.put("duration_ms", result.elapsed().toMillis());
        return metrics;
    }

    private List<Candidate> candidates(JobContext context, HwinfoParams params, Deadline deadline)
            throws JobFailedException
    {
        NetBoxTargets netbox = new NetBoxTargets(ipam);
        if (params.inventoryFile().isEmpty()) {
            try {
                return netbox.load(family, params, deadline);
            }
            catch (TargetException e) {
                throw new JobFailedException("cannot list devices from NetBox: " + e.getMessage());
            }
        }
        List<Candidate> fromFile;
        try {
            fromFile = InventoryFile.load(Path.of(params.inventoryFile()), family, params);
        }
        catch (IllegalArgumentException e) {
            throw new JobFailedException(e.getMessage());
        }
        Map<String, Device> known;
        try {
            known = netbox.byName(fromFile.stream().map(Candidate::name).toList(), deadline);
        }
        catch (TargetException e) {
            context.output("NetBox unavailable, facts are read but not written: " + e.getMessage());
            known = Map.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Candidate candidate : fromFile) {
            Device device = known.get(candidate.name());
            candidates.add(device == null || candidate.target().isEmpty() ? candidate : Candidate.ready(candidate.target().get().withDevice(device)));
        }
        return candidates;
    }
}
