package dev.voicebot.gateway.bench;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.gateway.GatewayApplication;
import dev.voicebot.gateway.metrics.GatewayMetrics;
import dev.voicebot.gateway.socket.LiveCalls;
import dev.voicebot.testsupport.KafkaTestBroker;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load benchmark of one gateway: N concurrent simulated Exotel calls streaming both ways.
 *
 * <p>Each call sends a 100 ms media frame every 100 ms; a simulated bot publishes a 2 s turn per
 * call every 2 s to the gateway's route topic, which the gateway paces back out. The gateway runs
 * in this JVM against a Kafka broker (in-process by default), so the process CPU figure includes
 * broker and clients; the gateway-threads figure is the gateway's share.
 *
 * <pre>
 * ./mvnw -B -q -pl gateway test-compile exec:exec@bench -Dbench.args="--calls 500 --seconds 30"
 * </pre>
 *
 * <p>First 100 calls stream for {@code --jit-warmup} seconds and hang up, so the JIT compiles the
 * hot paths before the box is saturated; then N calls open, stream for {@code --warmup} seconds, and
 * are measured for {@code --seconds}.
 *
 * <p>Options: {@code --calls N} (100), {@code --seconds S} measured (25), {@code --warmup S} (10),
 * {@code --jit-warmup S} (20),
 * {@code --rate 8000|16000|24000} (8000), {@code --broker embedded|external:host:port} (embedded),
 * {@code --linger-ms N}: the gateway producer's {@code linger.ms} (0, the project default),
 * {@code --gateway key=value}: any other gateway property (repeatable).
 */
public final class GatewayLoadBenchmark {

    private static final String INSTANCE = "bench";

    private GatewayLoadBenchmark() {}

    /** Always exits: the in-process broker's threads would otherwise keep the JVM alive. */
    public static void main(String[] args) {
        int exitCode = 1;
        try {
            benchmark(Options.parse(args));
            exitCode = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(exitCode);
        }
    }

    private static void benchmark(Options options) throws Exception {
        System.setProperty("kafka.test.broker", options.broker);
        String bootstrap = KafkaTestBroker.bootstrapServers();
        // command-line arguments outrank application.yml and the environment (GATEWAY_PORT, KAFKA_BOOTSTRAP_SERVERS)
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--voicebot.instance-id=" + INSTANCE,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                // the warm-up's and the measured calls' sockets together, whatever --calls asks for
                "--voicebot.gateway.socket.max-sockets=" + (options.calls + 1000),
                "--spring.kafka.producer.properties.linger.ms=" + options.lingerMs));
        options.gatewayProperties.forEach(property -> arguments.add("--" + property));
        try (ConfigurableApplicationContext gateway =
                new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new))) {
            System.out.println("gateway on port " + gateway.getEnvironment().getProperty("local.server.port")
                    + ", Kafka " + gateway.getEnvironment().getProperty("spring.kafka.bootstrap-servers"));
            run(options, bootstrap, gateway);
        }
    }

    private static void run(Options options, String bootstrap, ConfigurableApplicationContext gateway)
            throws Exception {
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        GatewayMetrics metrics = gateway.getBean(GatewayMetrics.class);
        LiveCalls liveCalls = gateway.getBean(LiveCalls.class);
        String route = Topics.gatewayRoute(INSTANCE);
        URI uri = URI.create("ws://localhost:" + port + "/ws?sample-rate=" + options.rate);

        try (AudioInLatencyProbe probe = new AudioInLatencyProbe(bootstrap)) {
            if (options.jitWarmupSeconds > 0) {
                // compile the hot paths while the machine has CPU to spare: a saturated box starves the JIT
                try (CallLoad warmup =
                        CallLoad.open(uri, "CA-warmup-", Math.min(100, options.calls), options.rate, bootstrap)) {
                    awaitLive(liveCalls, warmup.calls.size());
                    warmup.stream(options.rate, route);
                    Thread.sleep(options.jitWarmupSeconds * 1000L);
                }
                awaitLive(liveCalls, 0);
            }
            long heapBefore = settledHeap();
            try (CallLoad load = CallLoad.open(uri, "CA-bench-", options.calls, options.rate, bootstrap)) {
                awaitLive(liveCalls, options.calls);
                long heapConnected = settledHeap();
                load.stream(options.rate, route);

                Thread.sleep(options.warmupSeconds * 1000L / 2);
                long heapUnderLoad = settledHeap();
                Thread.sleep(options.warmupSeconds * 1000L / 2);

                HistogramSnapshot jitterBefore = metrics.pacingJitter().takeSnapshot();
                double lateBefore = metrics.lateFrames();
                long receivedBefore = load.mediaReceived();
                CpuMeter.Sample cpuBefore = CpuMeter.sample();
                probe.startMeasuring();

                Thread.sleep(options.seconds * 1000L);

                long[] latencies = probe.stopMeasuring();
                CpuMeter.Sample cpuAfter = CpuMeter.sample();
                HistogramSnapshot jitterAfter = metrics.pacingJitter().takeSnapshot();
                report(
                        options,
                        CpuMeter.coresUsed(cpuBefore, cpuAfter),
                        new long[] {
                            (heapConnected - heapBefore) / options.calls, (heapUnderLoad - heapBefore) / options.calls
                        },
                        latencies,
                        jitterBefore,
                        jitterAfter,
                        metrics.lateFrames() - lateBefore,
                        load.mediaReceived() - receivedBefore,
                        load.open(),
                        load.sendErrors());
            }
        }
    }

    private static void awaitLive(LiveCalls liveCalls, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (liveCalls.size() != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(liveCalls.size() + " calls live, expected " + expected);
            }
            Thread.sleep(50);
        }
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(
            Options options,
            double[] cores,
            long[] heapPerCall,
            long[] latencies,
            HistogramSnapshot jitterBefore,
            HistogramSnapshot jitterAfter,
            double late,
            long received,
            int open,
            long sendErrors) {
        double expectedOut = options.calls * options.seconds * 1000.0 / 200;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "gateway load: %d calls at %d Hz, %d s measured after %d s warm-up, linger.ms %d %s, %d cores, load average %.1f%n",
                options.calls,
                options.rate,
                options.seconds,
                options.warmupSeconds,
                options.lingerMs,
                options.gatewayProperties,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(
                "| calls | CPU process (cores) | CPU gateway threads (cores) | heap/call idle / streaming | in→Kafka p50 | in→Kafka p99 | pacing jitter p50 | pacing jitter p99 | late frames | bot frames delivered | calls open |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf(
                Locale.ROOT,
                "| %d | %.2f | %.2f | %d / %d KB | %.1f ms | %.1f ms | ≤ %.1f ms | ≤ %.1f ms | %.0f | %d of ~%.0f | %d |%n",
                options.calls,
                cores[0],
                cores[1],
                heapPerCall[0] / 1024,
                heapPerCall[1] / 1024,
                percentile(latencies, 0.50) / 1000.0,
                percentile(latencies, 0.99) / 1000.0,
                bucketPercentile(jitterBefore, jitterAfter, 0.50),
                bucketPercentile(jitterBefore, jitterAfter, 0.99),
                late,
                received,
                expectedOut,
                open);
        System.out.printf(
                Locale.ROOT,
                "in→Kafka samples %d, max %.1f ms; client send errors %d%n",
                latencies.length,
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000.0,
                sendErrors);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    /**
     * The upper bound (ms) of the histogram bucket holding the {@code q} quantile of the jitter
     * recorded between two snapshots.
     */
    private static double bucketPercentile(HistogramSnapshot before, HistogramSnapshot after, double q) {
        CountAtBucket[] start = before.histogramCounts();
        CountAtBucket[] end = after.histogramCounts();
        double total = after.count() - before.count();
        if (total <= 0) {
            return 0;
        }
        for (int i = 0; i < end.length; i++) {
            double cumulative = end[i].count() - (i < start.length ? start[i].count() : 0);
            if (cumulative >= q * total) {
                return end[i].bucket(TimeUnit.MILLISECONDS);
            }
        }
        return after.max(TimeUnit.MILLISECONDS);
    }

    private record Options(
            int calls,
            int seconds,
            int warmupSeconds,
            int jitWarmupSeconds,
            int rate,
            String broker,
            int lingerMs,
            List<String> gatewayProperties) {

        static Options parse(String[] args) {
            int calls = 100;
            int seconds = 25;
            int warmup = 10;
            int jitWarmup = 20;
            int rate = 8000;
            String broker = "embedded";
            int linger = 0;
            List<String> gatewayProperties = new ArrayList<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--calls" -> calls = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--jit-warmup" -> jitWarmup = Integer.parseInt(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--broker" -> broker = value;
                    case "--linger-ms" -> linger = Integer.parseInt(value);
                    case "--gateway" -> gatewayProperties.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(calls, seconds, warmup, jitWarmup, rate, broker, linger, gatewayProperties);
        }
    }
}
