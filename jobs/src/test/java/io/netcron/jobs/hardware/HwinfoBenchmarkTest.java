package io.netcron.jobs.hardware;

import com.sun.net.httpserver.HttpServer;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.FakeNetBox;
import io.netcron.ipam.Ipam;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.metrics.JobMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh at scale: 5,000 fake Arista devices on loopback (100 eAPI peers, each answering after
 * 50 ms), listed by a fake NetBox and written back, once fanned out with the job's defaults and
 * once one device at a time as the baseline. Off by default (minutes of wall clock); run with
 * {@code -Dnetcron.bench.hwinfo=true -DargLine=-Xmx512m}, see docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "netcron.bench.hwinfo", matches = "true")
class HwinfoBenchmarkTest
{
    static final InMemoryJobMetrics metrics = new InMemoryJobMetrics();

    static final int DEVICES = Integer.getInteger("netcron.bench.hwinfo.devices", 5_000);
    static final int PEERS = 100;
    static final Duration REPLY_DELAY = Duration.ofMillis(50);

    @Test
    void fiveThousandDevicesFannedOutAgainstOneAtATime()
            throws Exception
    {
        List<HttpServer> peers = new ArrayList<>();
        byte[] answer = AristaRefreshTest.RUN_CMDS.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < PEERS; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/command-api", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    Thread.sleep(REPLY_DELAY);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            peers.add(server);
        }
        try {
            Measured fanned = measure(peers, Map.of());
            Measured serial = measure(peers, Map.of("concurrency", 1));
            String report = """
                    hwinfo benchmark: %d devices, %d eAPI peers, %d ms reply delay, max heap %d MB
                      fan-out (defaults, concurrency 32): %6.1f s  %7.1f devices/s  peak heap used %d MB  counts %s
                      one at a time (concurrency 1):      %6.1f s  %7.1f devices/s  peak heap used %d MB  counts %s
                    """.formatted(DEVICES, PEERS, REPLY_DELAY.toMillis(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    fanned.seconds(), DEVICES / fanned.seconds(), fanned.peakHeapMb(), fanned.counts(),
                    serial.seconds(), DEVICES / serial.seconds(), serial.peakHeapMb(), serial.counts());
            System.out.print(report);
            System.err.print(report);
            assertThat(fanned.counts()).isEqualTo(Map.of("changed", (long) DEVICES));
            assertThat(serial.counts()).isEqualTo(Map.of("changed", (long) DEVICES));
        }
        finally {
            peers.forEach(server -> server.stop(0));
        }
    }

    record Measured(double seconds, long peakHeapMb, Map<String, Long> counts) {}

    private static Measured measure(List<HttpServer> peers, Map<String, Object> params)
            throws Exception
    {
        try (FakeNetBox netbox = new FakeNetBox(); SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults())) {
            for (int i = 1; i <= DEVICES; i++) {
                int port = peers.get(i % PEERS).getAddress().getPort();
                netbox.addDevice(i, "leaf" + i, "eos", "DCS-7050SX3-48YC8", "", Map.of("port", port, "scheme", "http"));
            }
            Credentials credentials = Credentials.of(Map.of("hwinfo-arista", Credential.login("hwinfo-arista", "netcron", "eapi-pass-123"),
                    "ipam", Credential.token("ipam", "netbox-token-0123456789")));
            JobTester tester = JobTester.forJob(RefreshHwinfoArista.class)
                    .bind(SharedHttpClient.class, http)
                    .bind(Credentials.class, credentials)
                    .bind(Ipam.class, netbox.client(http, credentials))
                    .bind(JobMetrics.class, metrics)
                    .maxRuntime(Duration.ofMinutes(20));
            params.forEach(tester::param);
            System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long began = System.nanoTime();
            TestRun run = tester.run();
            double seconds = (System.nanoTime() - began) / 1e9;
            sampler.interrupt();
            @SuppressWarnings("unchecked")
            Map<String, Long> counts = (Map<String, Long>) run.resultOrThrow().values().get("counts");
            return new Measured(seconds, peak.get() / (1024 * 1024), counts);
        }
    }
}
