package io.netcron.reach;

import io.netcron.job.Deadline;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * Probes addresses inside one {@link AllowList}, and only those: a target outside it, or a sweep
 * prefix not wholly inside it or larger than {@link ReachLimits#maxPrefixLength()}, is refused
 * with {@link ProbeNotAllowedException} before anything is sent. Many targets are probed on
 * virtual threads, at most {@code maxConcurrency} at once and {@code maxRate} started per second,
 * shared by everything this prober runs (also when a fan-out calls it from many threads).
 */
public final class Prober
{
    private final AllowList allowed;
    private final ReachLimits limits;
    private final RateLimiter rate;
    private final Semaphore slots;
    private final BiFunction<ProbeTarget, Duration, ProbeResult> probe;

    Prober(AllowList allowed, ReachLimits limits, RateLimiter rate, BiFunction<ProbeTarget, Duration, ProbeResult> probe)
    {
        this.allowed = requireNonNull(allowed, "allowed is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.rate = requireNonNull(rate, "rate is null");
        this.slots = new Semaphore(limits.maxConcurrency());
        this.probe = requireNonNull(probe, "probe is null");
    }

    public ProbeResult tcp(String address, int port, Deadline deadline)
    {
        return probe(ProbeTarget.tcp(Prefix.address(address), port), deadline);
    }

    public ProbeResult icmp(String address, Deadline deadline)
    {
        return probe(ProbeTarget.icmp(Prefix.address(address)), deadline);
    }

    public ProbeResult probe(ProbeTarget target, Deadline deadline)
    {
        return probeAll(List.of(target), deadline).getFirst();
    }

    /**
     * Every address of {@code prefix} (without an IPv4 prefix's network and broadcast addresses),
     * on each of {@code ports} for TCP (none for ICMP), in address order.
     */
    public List<ProbeResult> sweep(String prefix, ProbeMethod method, List<Integer> ports, Deadline deadline)
    {
        return sweep(Prefix.parse(prefix), method, ports, deadline);
    }

    public List<ProbeResult> sweep(Prefix prefix, ProbeMethod method, List<Integer> ports, Deadline deadline)
    {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(method, "method is null");
        requireNonNull(ports, "ports is null");
        if (method == ProbeMethod.TCP && ports.isEmpty()) {
            throw new IllegalArgumentException("a TCP sweep needs at least one port");
        }
        if (method == ProbeMethod.ICMP && !ports.isEmpty()) {
            throw new IllegalArgumentException("an ICMP sweep takes no ports");
        }
        if (prefix.hostBits() > limits.maxHostBits()) {
            throw new ProbeNotAllowedException("refusing to sweep " + prefix + ": larger than the maximum of " + (1 << limits.maxHostBits())
                    + " addresses (reach.max-prefix-length=" + limits.maxPrefixLength() + ")");
        }
        if (!allowed.allows(prefix)) {
            throw new ProbeNotAllowedException("refusing to sweep " + prefix + ": not inside the allowed addresses " + allowed);
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (InetAddress host : prefix.hosts()) {
            if (method == ProbeMethod.ICMP) {
                targets.add(ProbeTarget.icmp(host));
            }
            else {
                ports.forEach(port -> targets.add(ProbeTarget.tcp(host, port)));
            }
        }
        return probeAll(targets, deadline);
    }

    /**
     * Probes all targets (each checked first: one outside the allow-list refuses the whole call),
     * results in the targets' order. Targets whose turn comes after the deadline are SKIPPED.
     */
    public List<ProbeResult> probeAll(List<ProbeTarget> targets, Deadline deadline)
    {
        requireNonNull(targets, "targets is null");
        requireNonNull(deadline, "deadline is null");
        for (ProbeTarget target : targets) {
            if (!allowed.allows(target.address())) {
                throw new ProbeNotAllowedException("refusing to probe " + target.address().getHostAddress() + ": not inside the allowed addresses " + allowed);
            }
        }
        List<Future<ProbeResult>> running = new ArrayList<>(targets.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProbeTarget target : targets) {
                running.add(start(executor, target, deadline));
            }
        }
        List<ProbeResult> results = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            results.add(resultOf(running.get(i), targets.get(i)));
        }
        return results;
    }

    private Future<ProbeResult> start(ExecutorService executor, ProbeTarget target, Deadline deadline)
    {
        try {
            if (deadline.expired() || Thread.currentThread().isInterrupted()) {
                return java.util.concurrent.CompletableFuture.completedFuture(Probes.skipped(target, "deadline passed before its turn"));
            }
            slots.acquire();
            if (!rate.acquire(deadline)) {
                slots.release();
                return java.util.concurrent.CompletableFuture.completedFuture(Probes.skipped(target, "deadline passed before its turn"));
            }
            Duration timeout = deadline.cap(limits.timeout());
            return executor.submit(() -> {
                try {
                    return probe.apply(target, timeout);
                }
                finally {
                    slots.release();
                }
            });
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.concurrent.CompletableFuture.completedFuture(Probes.skipped(target, "cancelled"));
        }
    }

    private static ProbeResult resultOf(Future<ProbeResult> future, ProbeTarget target)
    {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probes.skipped(target, "cancelled");
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new ProbeResult(target.address().getHostAddress(), target.method(), target.port(), ProbeStatus.ERROR, Duration.ZERO,
                    cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    public AllowList allowed()
    {
        return allowed;
    }
}
