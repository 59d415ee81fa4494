package dev.voicebot.e2e;

import dev.voicebot.common.event.TurnLatency;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.simulator.demo.PipelineRecorder;
import dev.voicebot.simulator.load.LoadResult;
import dev.voicebot.simulator.load.LoadRun;
import dev.voicebot.simulator.load.LoadSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark and soak: a broker in a JVM of its own, the five services as separate JVMs on their embedded
 * defaults ({@link E2ePipeline}), and in this JVM a {@link LoadRun} of simulated Exotel calls playing the demo
 * conversation, run at each number of calls given in turn. For each it prints the callers' figures (voice to voice,
 * greeting, barge-in, audio gaps, failed and stuck calls), the per-hop breakdown of the turns' {@code turn.latency}
 * events, each process's CPU over the measured window (the load generator's included), and each service's heap after
 * a full collection at the start and at the end of that window.
 *
 * <pre>
 * java ... dev.voicebot.e2e.LoadBenchmark --calls 1,20,100 --seconds 150 --stagger-ms 250
 * java ... dev.voicebot.e2e.LoadBenchmark --calls 50 --seconds 1800 --warmup-seconds 120   # the soak
 * java ... dev.voicebot.e2e.LoadBenchmark --calls 50 --env stt-worker:VOICEBOT_STT_POCKETSPHINX_MAX_DECODERS=32
 * </pre>
 */
final class LoadBenchmark {

    private static final Duration BROKER_READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final double MB = 1024 * 1024;

    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> levels = List.of(1, 20);
        Duration duration = Duration.ofSeconds(150);
        Duration stagger = Duration.ofMillis(250);
        Duration warmUp = null;
        Map<String, Map<String, String>> overrides = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--calls" ->
                    levels = Arrays.stream(args[i + 1].split(","))
                            .map(String::strip)
                            .map(Integer::valueOf)
                            .toList();
                case "--seconds" -> duration = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--stagger-ms" -> stagger = Duration.ofMillis(Long.parseLong(args[i + 1]));
                case "--warmup-seconds" -> warmUp = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--env" -> {
                    // service:NAME=VALUE
                    String[] serviceAndVariable = args[i + 1].split(":", 2);
                    String[] nameAndValue = serviceAndVariable[1].split("=", 2);
                    overrides
                            .computeIfAbsent(serviceAndVariable[0], service -> new HashMap<>())
                            .put(nameAndValue[0], nameAndValue[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Path.of(System.getProperty("voicebot.e2e.work", "e2e/target/load-benchmark"))
                .toAbsolutePath();
        System.setProperty("voicebot.e2e.work", work.toString());
        try (E2ePipeline pipeline = E2ePipeline.start(overrides)) {
            PipelineProbe probe = PipelineProbe.of(pipeline);
            System.out.println("warm-up: one demo call (JIT, the greeting into the phrase cache)");
            LoadResult warmUpCall = LoadRun.run(
                    settings(pipeline, 1, Duration.ofSeconds(1), stagger, Duration.ZERO), System.out::println);
            System.out.print(warmUpCall.render());
            Map<String, Long> idleBefore = probe.heapAfterGcBytes();
            System.out.println("idle heap after GC: " + megabytes(idleBefore));
            for (int calls : levels) {
                Duration levelWarmUp = warmUp != null
                        ? warmUp
                        : stagger.multipliedBy(calls - 1L).plusSeconds(20);
                measure(pipeline, probe, settings(pipeline, calls, duration, stagger, levelWarmUp), idleBefore);
            }
            System.out.println("idle heap after GC at the end: " + megabytes(probe.heapAfterGcBytes()));
        }
    }

    private static LoadSettings settings(
            E2ePipeline pipeline, int calls, Duration duration, Duration stagger, Duration warmUp) {
        return new LoadSettings(
                pipeline.gatewayUrl(),
                calls,
                duration,
                stagger,
                warmUp,
                LoadSettings.DEFAULT_SAMPLE_RATE,
                LoadSettings.loadTiming());
    }

    private static void measure(
            E2ePipeline pipeline, PipelineProbe probe, LoadSettings settings, Map<String, Long> idleHeap)
            throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n=== %d calls, %d s, figures from %d s ===%n",
                settings.calls(),
                settings.duration().toSeconds(),
                settings.warmUp().toSeconds());
        Window window = new Window(probe, settings);
        LoadResult result;
        List<TurnLatency> turns;
        try (PipelineRecorder recorder = PipelineRecorder.start(
                pipeline.bootstrapServers(), List.of(Topics.TURN_LATENCY), Duration.ofSeconds(30))) {
            window.start();
            result = LoadRun.run(settings, System.out::println);
            window.join();
            turns = recorder.events().stream()
                    .filter(recorded -> recorded.timestampMillis() >= window.fromEpochMillis
                            && recorded.timestampMillis() <= window.untilEpochMillis)
                    .map(PipelineRecorder.Recorded::event)
                    .filter(TurnLatency.class::isInstance)
                    .map(TurnLatency.class::cast)
                    .toList();
        }
        double active = probe.awaitNoActiveCalls(DRAIN);
        System.out.print(result.render());
        System.out.printf(Locale.ROOT, "gateway calls in flight after the run: %.0f%n", active);
        System.out.print(HopLatencies.of(turns).render());
        if (window.failure != null) {
            System.out.println("the resource probe failed: " + window.failure);
            return;
        }
        System.out.println("CPU over the measured window (cores): " + formatCores(window.cores));
        System.out.println("heap after GC at the window's start: " + megabytes(window.heapStart));
        System.out.println("heap after GC at the window's end:   " + megabytes(window.heapEnd));
        StringBuilder perCall = new StringBuilder("heap per call in flight (end less idle): ");
        window.heapEnd.forEach((name, bytes) -> perCall.append(String.format(
                Locale.ROOT,
                "%s %.0f KB  ",
                name,
                (bytes - idleHeap.getOrDefault(name, bytes)) / 1024.0 / settings.calls())));
        System.out.println(perCall);
        StringBuilder growth = new StringBuilder("heap growth over the window: ");
        window.heapEnd.forEach((name, bytes) -> growth.append(String.format(
                Locale.ROOT,
                "%s %+.1f %%  ",
                name,
                100.0 * (bytes - window.heapStart.get(name)) / window.heapStart.get(name))));
        System.out.println(growth);
    }

    /**
     * Takes the resource readings of the measured window on its own thread while the load runs: at its start the
     * heap after GC then the CPU times, at its end (5 s before new calls stop) the CPU times then the heap after GC,
     * so that the collections the readings force fall outside the CPU figures.
     */
    private static final class Window extends Thread {
        private final PipelineProbe probe;
        private final LoadSettings settings;
        private final long startNanos = System.nanoTime();
        final long fromEpochMillis;
        final long untilEpochMillis;
        Map<String, Long> heapStart;
        Map<String, Long> heapEnd;
        Map<String, Double> cores;
        Exception failure;

        Window(PipelineProbe probe, LoadSettings settings) {
            super("benchmark-window");
            this.probe = probe;
            this.settings = settings;
            long now = Instant.now().toEpochMilli();
            this.fromEpochMillis = now + settings.warmUp().toMillis();
            this.untilEpochMillis = now + settings.duration().toMillis();
        }

        @Override
        public void run() {
            try {
                sleepUntil(settings.warmUp());
                heapStart = probe.heapAfterGcBytes();
                Map<String, Long> cpuBefore = probe.cpuNanos();
                long from = System.nanoTime();
                sleepUntil(settings.duration().minusSeconds(5));
                Map<String, Long> cpuAfter = probe.cpuNanos();
                cores = PipelineProbe.cores(cpuBefore, cpuAfter, (System.nanoTime() - from) / 1_000_000);
                heapEnd = probe.heapAfterGcBytes();
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure = e;
            }
        }

        private void sleepUntil(Duration sinceStart) throws InterruptedException {
            long remaining = sinceStart.toNanos() - (System.nanoTime() - startNanos);
            if (remaining > 0) {
                Thread.sleep(Duration.ofNanos(remaining));
            }
        }
    }

    private static String megabytes(Map<String, Long> bytes) {
        List<String> parts = new ArrayList<>();
        bytes.forEach((name, value) -> parts.add(String.format(Locale.ROOT, "%s %.1f MB", name, value / MB)));
        return String.join(", ", parts);
    }

    private static String formatCores(Map<String, Double> cores) {
        List<String> parts = new ArrayList<>();
        cores.forEach((name, value) -> parts.add(String.format(Locale.ROOT, "%s %.2f", name, value)));
        return String.join(", ", parts);
    }
}
