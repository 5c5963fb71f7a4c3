package io.netcron.reach;

import io.netcron.job.Deadline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Only 127.0.0.0/8 is ever contacted here. */
class ProberTest
{
    private static final ReachLimits LIMITS = new ReachLimits(Duration.ofSeconds(1), 1000, 8, 22);
    private final Prober loopback = new Reachability(LIMITS).within(AllowList.of("127.0.0.0/29"));

    @Test
    void openPortIsReachableWithItsLatency()
            throws IOException
    {
        try (ServerSocket listener = listen("127.0.0.1")) {
            ProbeResult result = loopback.tcp("127.0.0.1", listener.getLocalPort(), Deadline.none());

            assertThat(result.status()).isEqualTo(ProbeStatus.REACHABLE);
            assertThat(result.reachable()).isTrue();
            assertThat(result.latency()).isPositive();
            assertThat(result.detail()).isEmpty();
        }
    }

    @Test
    void closedPortIsRefusedButTheHostIsUp()
            throws IOException
    {
        int closed;
        try (ServerSocket listener = listen("127.0.0.1")) {
            closed = listener.getLocalPort();
        }

        ProbeResult result = loopback.tcp("127.0.0.1", closed, Deadline.none());

        assertThat(result.status()).isEqualTo(ProbeStatus.REFUSED);
        assertThat(result.reachable()).isFalse();
        assertThat(result.hostUp()).isTrue();
    }

    @Test
    void sweepOfAPrefixFindsTheListener()
            throws IOException
    {
        try (ServerSocket listener = listen("127.0.0.3")) {
            List<ProbeResult> results = loopback.sweep("127.0.0.0/29", ProbeMethod.TCP, List.of(listener.getLocalPort()), Deadline.none());

            assertThat(results).extracting(ProbeResult::address)
                    .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6");
            assertThat(results).filteredOn(ProbeResult::reachable).extracting(ProbeResult::address).containsExactly("127.0.0.3");
            assertThat(results).filteredOn(result -> !result.reachable()).extracting(ProbeResult::status).containsOnly(ProbeStatus.REFUSED);
        }
    }

    @Test
    void icmpToLoopbackIsReachable()
    {
        // Raw ICMP echo when the JVM may, else the JDK's TCP port 7 try: loopback answers both ways.
        assertThat(loopback.icmp("127.0.0.1", Deadline.none()).status()).isEqualTo(ProbeStatus.REACHABLE);
    }

    @Test
    void addressOutsideTheAllowListIsRefusedBeforeAnythingIsSent()
    {
        AtomicInteger probes = new AtomicInteger();
        Prober prober = counting(probes, LIMITS).within(AllowList.of("127.0.0.0/29"));

        assertThatThrownBy(() -> prober.tcp("127.0.0.9", 22, Deadline.none()))
                .isInstanceOf(ProbeNotAllowedException.class)
                .hasMessage("refusing to probe 127.0.0.9: not inside the allowed addresses [127.0.0.0/29]");
        assertThatThrownBy(() -> prober.probeAll(List.of(tcp("127.0.0.1"), tcp("127.0.1.1")), Deadline.none()))
                .isInstanceOf(ProbeNotAllowedException.class);
        assertThat(probes).hasValue(0);
    }

    @Test
    void sweepOfAPrefixNotInsideTheAllowListIsRefused()
    {
        AtomicInteger probes = new AtomicInteger();
        Prober prober = counting(probes, LIMITS).within(AllowList.of("127.0.0.0/29"));

        assertThatThrownBy(() -> prober.sweep("127.0.0.0/28", ProbeMethod.TCP, List.of(22), Deadline.none()))
                .isInstanceOf(ProbeNotAllowedException.class)
                .hasMessage("refusing to sweep 127.0.0.0/28: not inside the allowed addresses [127.0.0.0/29]");
        assertThat(probes).hasValue(0);
    }

    @Test
    void sweepLargerThanTheMaximumIsRefusedEvenWhenAllowed()
    {
        AtomicInteger probes = new AtomicInteger();
        Prober prober = counting(probes, LIMITS).within(AllowList.of("127.0.0.0/8"));

        assertThatThrownBy(() -> prober.sweep("127.0.0.0/21", ProbeMethod.TCP, List.of(22), Deadline.none()))
                .isInstanceOf(ProbeNotAllowedException.class)
                .hasMessage("refusing to sweep 127.0.0.0/21: larger than the maximum of 1024 addresses (reach.max-prefix-length=22)");
        assertThat(probes).hasValue(0);
        assertThat(prober.sweep("127.0.0.0/22", ProbeMethod.TCP, List.of(22), Deadline.none())).hasSize(1022);
        assertThat(probes).hasValue(1022);
    }

    @Test
    void startsNoMoreProbesPerSecondThanTheRate()
    {
        FakeTicker ticker = new FakeTicker();
        AtomicInteger probes = new AtomicInteger();
        Reachability reachability = new Reachability(new ReachLimits(Duration.ofSeconds(1), 5, 8, 22), ticker, (target, timeout) -> {
            probes.incrementAndGet();
            return reachable(target);
        });

        List<ProbeResult> results = reachability.within(AllowList.of("127.0.0.0/29")).sweep("127.0.0.0/29", ProbeMethod.TCP, List.of(22), Deadline.none());

        // 6 starts at 5 per second, evenly spaced: the sweep waited 5 intervals of 200 ms on the (fake) clock.
        assertThat(results).hasSize(6).allMatch(ProbeResult::reachable);
        assertThat(probes).hasValue(6);
        assertThat(ticker.elapsedMillis()).isEqualTo(1000);
    }

    @Test
    void keepsNoMoreProbesInFlightThanTheConcurrency()
            throws Exception
    {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Reachability reachability = new Reachability(new ReachLimits(Duration.ofSeconds(1), 1000, 4, 22), new FakeTicker(), (target, timeout) -> {
            started.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return reachable(target);
        });
        List<ProbeTarget> targets = IntStream.rangeClosed(1, 20).mapToObj(port -> ProbeTarget.tcp(InetAddress.getLoopbackAddress(), port)).toList();

        CompletableFuture<List<ProbeResult>> sweep = CompletableFuture.supplyAsync(() ->
                reachability.within(AllowList.of("127.0.0.1")).probeAll(targets, Deadline.none()));
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 4);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> started.get() == 4);
        release.countDown();

        assertThat(sweep.get(10, TimeUnit.SECONDS)).hasSize(20).allMatch(ProbeResult::reachable);
        assertThat(started).hasValue(20);
        assertThat(maxInFlight).hasValue(4);
    }

    @Test
    void targetsWhoseTurnComesAfterTheDeadlineAreSkipped()
    {
        AtomicInteger probes = new AtomicInteger();
        Prober prober = counting(probes, LIMITS).within(AllowList.of("127.0.0.0/29"));
        Deadline passed = Deadline.after(Duration.ZERO);

        List<ProbeResult> results = prober.sweep("127.0.0.0/29", ProbeMethod.TCP, List.of(22), passed);

        assertThat(results).hasSize(6).extracting(ProbeResult::status).containsOnly(ProbeStatus.SKIPPED);
        assertThat(probes).hasValue(0);
    }

    private static Reachability counting(AtomicInteger probes, ReachLimits limits)
    {
        return new Reachability(limits, new FakeTicker(), (target, timeout) -> {
            probes.incrementAndGet();
            return reachable(target);
        });
    }

    private static ProbeResult reachable(ProbeTarget target)
    {
        return new ProbeResult(target.address().getHostAddress(), target.method(), target.port(), ProbeStatus.REACHABLE, Duration.ofMillis(1), "");
    }

    private static ProbeTarget tcp(String address)
    {
        return ProbeTarget.tcp(Prefix.address(address), 22);
    }

    private static ServerSocket listen(String address)
            throws IOException
    {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(Prefix.address(address), 0));
        return socket;
    }
}
