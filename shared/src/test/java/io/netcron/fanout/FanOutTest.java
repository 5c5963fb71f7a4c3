package io.netcron.fanout;

import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanOutTest
{
    private static final List<Integer> THOUSAND = IntStream.range(0, 1000).boxed().toList();

    @Test
    void thousandTargetsWithHangersAndFailuresEndSoonAfterOneTimeoutWithTheRightCounts()
            throws Exception
    {
        long began = System.nanoTime();
        FanOutResult result = FanOut.over(THOUSAND)
                .named(i -> "device-" + i)
                .concurrency(200)
                .perTargetTimeout(Duration.ofSeconds(1))
                .run((i, scope) -> {
                    if (i % 10 == 0) {
                        new CountDownLatch(1).await(); // hangs until abandoned
                    }
                    if (i % 10 == 1) {
                        throw new IllegalStateException("boom on " + i);
                    }
                    return TargetResult.ok();
                });
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(result.count(Outcome.OK)).isEqualTo(800);
        assertThat(result.count(Outcome.TIMEOUT)).isEqualTo(100);
        assertThat(result.count(Outcome.FAILED)).isEqualTo(100);
        // a serial or batch-waiting implementation takes 100 s or more; this is not a benchmark
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void targetExceptionsCountByTheirOutcomeAndFailuresAreListedWithTargetAndReason()
            throws Exception
    {
        FanOutResult result = FanOut.over(List.of("a", "b", "c"))
                .run((target, scope) -> switch (target) {
                    case "a" -> throw new TargetException(Outcome.UNREACHABLE, "a: connection refused");
                    case "b" -> throw new TargetException(Outcome.AUTH_FAILED, "b: login refused");
                    default -> TargetResult.changed("3 interfaces");
                });

        assertThat(result.count(Outcome.UNREACHABLE)).isOne();
        assertThat(result.count(Outcome.AUTH_FAILED)).isOne();
        assertThat(result.count(Outcome.CHANGED)).isOne();
        assertThat(result.failures()).containsExactlyInAnyOrder(
                new TargetFailure("a", Outcome.UNREACHABLE, "a: connection refused"),
                new TargetFailure("b", Outcome.AUTH_FAILED, "b: login refused"));
    }

    @Test
    void failureListIsBoundedAndTheRestCounted()
            throws Exception
    {
        FanOutResult result = FanOut.over(THOUSAND.subList(0, 30)).listedFailures(5)
                .run((i, scope) -> {
                    throw new TargetException(Outcome.PARSE_ERROR, "bad json from " + i);
                });

        assertThat(result.failures()).hasSize(5);
        assertThat(result.failuresOmitted()).isEqualTo(25);
        assertThat(result.toJobResult().values()).containsEntry("failures_omitted", 25);
    }

    @Test
    void runFailsOnlyAboveTheAllowedFailureShareAndKeepsTheCounts()
            throws Exception
    {
        TargetTask<Integer> oneInFiveFails = (i, scope) -> {
            if (i % 5 == 0) {
                throw new TargetException(Outcome.UNREACHABLE, i + ": no route");
            }
            return TargetResult.unchanged();
        };
        JobResult tolerated = FanOut.over(THOUSAND.subList(0, 100)).maxFailureShare(0.2).run(oneInFiveFails).toJobResultOrFail();
        assertThat(tolerated.values().get("counts")).isEqualTo(Map.of("unchanged", 80L, "unreachable", 20L));

        FanOutResult tooMany = FanOut.over(THOUSAND.subList(0, 100)).maxFailureShare(0.1).run(oneInFiveFails);
        assertThatThrownBy(tooMany::toJobResultOrFail)
                .isInstanceOf(JobFailedException.class)
                .hasMessage("20 of 100 targets failed (20%, allowed 10%): 20 unreachable")
                .satisfies(e -> assertThat(((JobFailedException) e).result()).contains(tooMany.toJobResult()));
    }

    @Test
    void orFailPassesTheJobsOwnResultOrFailsCarryingIt()
            throws Exception
    {
        TargetTask<Integer> oddFail = (i, scope) -> {
            if (i % 2 == 1) {
                throw new TargetException(Outcome.FAILED, i + ": odd");
            }
            return TargetResult.ok();
        };
        JobResult own = JobResult.builder().put("dry_run", true).build();
        assertThat(FanOut.over(THOUSAND.subList(0, 10)).maxFailureShare(0.5).run(oddFail).orFail(own)).isSameAs(own);

        FanOutResult tooMany = FanOut.over(THOUSAND.subList(0, 10)).maxFailureShare(0.4).run(oddFail);
        assertThatThrownBy(() -> tooMany.orFail(own))
                .isInstanceOf(JobFailedException.class)
                .hasMessage("5 of 10 targets failed (50%, allowed 40%): 5 failed")
                .satisfies(e -> assertThat(((JobFailedException) e).result()).contains(own));
    }

    @Test
    void concurrencyIsBounded()
            throws Exception
    {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        FanOut.over(THOUSAND.subList(0, 200)).concurrency(7).run((i, scope) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            TimeUnit.MILLISECONDS.sleep(2);
            running.decrementAndGet();
            return TargetResult.ok();
        });

        assertThat(peak.get()).isBetween(2, 7);
    }

    @Test
    void rateLimitSpacesStartsPerKeyButNotAcrossKeys()
            throws Exception
    {
        List<String> targets = List.of("eos-1", "eos-2", "eos-3", "eos-4", "eos-5", "pan-1");
        Map<String, Long> startedAt = new java.util.concurrent.ConcurrentHashMap<>();
        long began = System.nanoTime();
        FanOut.over(targets).rateLimit(target -> target.substring(0, 3), 10).run((target, scope) -> {
            startedAt.put(target, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return TargetResult.ok();
        });

        // five starts of one platform at 10/s take at least 4 intervals of 100 ms (in whatever order they got their turns)
        List<Long> eos = targets.stream().filter(target -> target.startsWith("eos")).map(startedAt::get).sorted().toList();
        assertThat(eos.getLast() - eos.getFirst()).isGreaterThanOrEqualTo(390);
        assertThat(startedAt.get("pan-1")).isLessThan(300);
    }

    @Test
    void aTimedOutTargetHasItsRegisteredResourcesClosed()
            throws Exception
    {
        CountDownLatch closed = new CountDownLatch(1);
        FanOutResult result = FanOut.over(List.of("slow")).perTargetTimeout(Duration.ofMillis(200)).run((target, scope) -> {
            scope.onCancel(closed::countDown);
            // stands for a socket read that does not see interrupts
            while (closed.getCount() > 0) {
                Thread.onSpinWait();
            }
            return TargetResult.ok();
        });

        assertThat(result.count(Outcome.TIMEOUT)).isOne();
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result.failures().getFirst().reason()).isEqualTo("no result within 200 ms (abandoned)");
    }
}
