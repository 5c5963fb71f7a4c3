package io.netcron.fanout;

import io.netcron.job.Cancellation;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Runs one task per target (device, console, name server) on virtual threads: at most
 * {@link #concurrency} at a time, each within its {@link #perTargetTimeout}, optionally at most N
 * starts per second per key (platform). A target that hangs is interrupted and abandoned at its
 * timeout and counted {@code timeout}; it never delays the others or the end of the run. Outcomes
 * come from the task's {@link TargetResult} or its {@link TargetException}; any other exception
 * counts as {@code failed}.
 *
 * <pre>{@code
 * FanOutResult result = FanOut.over(devices)
 *         .context(context)                       // deadline, cancellation, progress
 *         .named(Device::name)
 *         .perTargetTimeout(Duration.ofSeconds(30))
 *         .rateLimit(Device::platform, 5)         // starts per second per platform
 *         .maxFailureShare(0.2)
 *         .run((device, scope) -> refresh(device, scope.deadline()));
 * return result.toJobResultOrFail();
 * }</pre>
 */
public final class FanOut<T>
{
    public static final int DEFAULT_CONCURRENCY = 32;
    public static final Duration DEFAULT_PER_TARGET_TIMEOUT = Duration.ofMinutes(1);
    public static final double DEFAULT_MAX_FAILURE_SHARE = 0.5;
    public static final int DEFAULT_LISTED_FAILURES = 50;

    private final List<T> targets;
    private Function<? super T, String> namer = String::valueOf;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration perTargetTimeout = DEFAULT_PER_TARGET_TIMEOUT;
    private Function<? super T, String> rateKey;
    private RateLimits rateLimits;
    private double maxFailureShare = DEFAULT_MAX_FAILURE_SHARE;
    private int listedFailures = DEFAULT_LISTED_FAILURES;
    private JobContext context;
    private Deadline deadline = Deadline.none();

    private FanOut(Collection<? extends T> targets)
    {
        this.targets = List.copyOf(requireNonNull(targets, "targets is null"));
    }

    public static <T> FanOut<T> over(Collection<? extends T> targets)
    {
        return new FanOut<>(targets);
    }

    /** How a target is named in failures (default {@code toString}); never a secret. */
    public FanOut<T> named(Function<? super T, String> namer)
    {
        this.namer = requireNonNull(namer, "namer is null");
        return this;
    }

    public FanOut<T> concurrency(int concurrency)
    {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        this.concurrency = concurrency;
        return this;
    }

    public FanOut<T> perTargetTimeout(Duration timeout)
    {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("perTargetTimeout must be > 0, got " + timeout);
        }
        this.perTargetTimeout = timeout;
        return this;
    }

    /** At most {@code startsPerSecond} target starts per second for each value of {@code key} (e.g. the platform). */
    public FanOut<T> rateLimit(Function<? super T, String> key, double startsPerSecond)
    {
        this.rateKey = requireNonNull(key, "key is null");
        this.rateLimits = new RateLimits(startsPerSecond);
        return this;
    }

    /** The run fails ({@link FanOutResult#toJobResultOrFail()}) when more than this share of targets failed; 0..1. */
    public FanOut<T> maxFailureShare(double share)
    {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("maxFailureShare must be within 0..1, got " + share);
        }
        this.maxFailureShare = share;
        return this;
    }

    /** How many failures the result lists by target (the rest are only counted). */
    public FanOut<T> listedFailures(int max)
    {
        this.listedFailures = Math.max(0, max);
        return this;
    }

    /** Takes the run's deadline, reports progress to it and stops every target when the run is cancelled. */
    public FanOut<T> context(JobContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.deadline = context.deadline();
        return this;
    }

    /** A deadline no target outlives (already set by {@link #context(JobContext)}). */
    public FanOut<T> deadline(Deadline deadline)
    {
        this.deadline = requireNonNull(deadline, "deadline is null");
        return this;
    }

    /** Runs {@code task} for every target and returns once each has ended or timed out. */
    public FanOutResult run(TargetTask<? super T> task)
            throws InterruptedException
    {
        requireNonNull(task, "task is null");
        long began = System.nanoTime();
        Tally tally = new Tally(targets.size(), listedFailures, context);
        Cancellation runCancellation = new Cancellation();
        Cancellation.Registration registration = context == null ? () -> {} : context.onCancel(() -> runCancellation.cancel("the run was cancelled"));
        Semaphore permits = new Semaphore(concurrency);
        boolean interrupted = false;
        try (ExecutorService supervisors = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (T target : targets) {
                    permits.acquire();
                    supervisors.execute(() -> {
                        try {
                            runOne(target, task, tally, runCancellation);
                        }
                        finally {
                            permits.release();
                        }
                    });
                }
            }
            catch (InterruptedException e) {
                interrupted = true;
                runCancellation.cancel("the run was interrupted");
                supervisors.shutdownNow();
            }
        }
        finally {
            registration.close();
        }
        if (interrupted) {
            throw new InterruptedException("fan-out interrupted after " + tally.done() + " of " + targets.size() + " targets");
        }
        return tally.result(maxFailureShare, Duration.ofNanos(System.nanoTime() - began));
    }

    private void runOne(T target, TargetTask<? super T> task, Tally tally, Cancellation runCancellation)
    {
        String name = safeName(target);
        Cancellation cancellation = new Cancellation();
        Cancellation.Registration linked = runCancellation.register(() -> cancellation.cancel("the run was cancelled"));
        try {
            if (rateLimits != null) {
                rateLimits.acquire(rateKey.apply(target));
            }
            if (deadline.expired() || runCancellation.isCancelled()) {
                tally.add(name, Outcome.TIMEOUT, "not started: the run's deadline was reached");
                return;
            }
            Deadline targetDeadline = deadline.min(Deadline.after(perTargetTimeout));
            TargetScope scope = new TargetScope(targetDeadline, cancellation);
            FutureTask<TargetResult> work = new FutureTask<>(() -> task.run(target, scope));
            Thread worker = Thread.ofVirtual().name("netcron-fanout-" + name).start(work);
            try {
                TargetResult result = work.get(targetDeadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
                tally.add(name, result == null ? TargetResult.ok() : result);
            }
            catch (TimeoutException e) {
                cancellation.cancel("timed out");
                worker.interrupt();
                tally.add(name, Outcome.TIMEOUT, "no result within " + limit() + " (abandoned)");
            }
            catch (ExecutionException e) {
                tally.add(name, failure(e.getCause()), reason(e.getCause()));
            }
        }
        catch (InterruptedException e) {
            cancellation.cancel("the run was interrupted");
            tally.add(name, Outcome.FAILED, "interrupted: the run was asked to stop");
        }
        catch (RuntimeException e) {
            tally.add(name, Outcome.FAILED, reason(e));
        }
        finally {
            linked.close();
        }
    }

    private String safeName(T target)
    {
        try {
            return String.valueOf(namer.apply(target));
        }
        catch (RuntimeException e) {
            return String.valueOf(target);
        }
    }

    private String limit()
    {
        return deadline.expired() ? "the run's deadline" : perTargetTimeout.toMillis() + " ms";
    }

    private static Outcome failure(Throwable error)
    {
        if (error instanceof TargetException target) {
            return target.outcome();
        }
        return Outcome.FAILED;
    }

    private static String reason(Throwable error)
    {
        if (error instanceof TargetException) {
            return String.valueOf(error.getMessage());
        }
        String message = error.getMessage();
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
