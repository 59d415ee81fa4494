package dev.voicebot.llm.bench;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.llm.conversation.ConversationEngine;
import dev.voicebot.llm.conversation.TurnObserver;
import dev.voicebot.llm.it.WorkerApp;
import dev.voicebot.llm.provider.ChatProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Benchmark of one LLM worker: a final transcript record in → the first bot segment record out.
 *
 * <p>Phase 1 (latency): calls take turns one at a time; for each, the time from sending the
 * transcript record to reading the first segment record of the reply, once with a zero-latency
 * provider (the worker's own cost plus two Kafka hops) and once with the scripted agent. Phase 2
 * (capacity, zero-latency provider): N concurrent calls, each taking a turn every few seconds as a
 * caller does, with the latency per load level and the CPU the worker's threads used per turn.
 * Worker, broker (in-process by default) and load generator share this JVM and its cores.
 *
 * <pre>
 * ./mvnw -B -q -pl llm-worker test-compile exec:exec@bench -Dbench.args="--turns 2000 --calls 100,500,1000"
 * </pre>
 *
 * Options: {@code --turns N} sequential turns per provider (1000), {@code --calls a,b,c}
 * concurrency levels (100,400,1000), {@code --seconds S} per level (20), {@code --turn-every-ms T}
 * per call (4000). Broker: {@code -Dkafka.test.broker=embedded|external:host:port}.
 */
public final class LlmWorkerBenchmark {

    /**
     * Replaces the configured provider with the zero-latency one. Not a {@code @Configuration}, so
     * the worker's component scan never finds it; the benchmark registers it as a source.
     */
    static class ZeroLatency {
        @Bean
        @Primary
        ChatProvider zeroLatencyProvider() {
            // Platform threads with the worker's name prefix, so their CPU counts as the worker's.
            return new ZeroLatencyProvider(Executors.newFixedThreadPool(
                    2,
                    Thread.ofPlatform().daemon().name("llm-bench-provider-", 0).factory()));
        }
    }

    /** Takes the worker's own first-segment times (input taken → first segment sent). */
    static class WorkerTimes {
        static final Queue<Long> MICROS = new ConcurrentLinkedQueue<>();

        @Bean
        @Primary
        TurnObserver benchTurnObserver() {
            return sinceInput -> MICROS.add(sinceInput.toNanos() / 1000);
        }
    }

    private static final String[] WORKER_SETTINGS = {
        "voicebot.llm.idle.timeout=30m",
        "voicebot.llm.consumer-threads=2",
        "spring.kafka.producer.client-id=llm-worker-bench",
        "logging.level.dev.voicebot=WARN",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "logging.level.org.springframework=WARN"
    };

    private final KafkaProducer<String, byte[]> producer;
    private final SegmentWaiter segments;
    private final String route;

    private LlmWorkerBenchmark(String bootstrap) {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.CLIENT_ID_CONFIG, "bench-load",
                        ProducerConfig.LINGER_MS_CONFIG, "0"),
                new StringSerializer(),
                new ByteArraySerializer());
        segments = new SegmentWaiter(bootstrap);
        route = WorkerApp.routeTopic("bench-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static void main(String[] args) throws Exception {
        int turns = intOption(args, "--turns", 1000);
        int[] levels = Arrays.stream(option(args, "--calls", "100,400,1000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int seconds = intOption(args, "--seconds", 20);
        int turnEveryMs = intOption(args, "--turn-every-ms", 4000);
        String bootstrap = WorkerApp.bootstrap();
        System.out.printf(
                Locale.ROOT,
                "llm-worker benchmark: %d cores, Java %s, broker %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                bootstrap);

        ConfigurableApplicationContext zero = WorkerApp.start(
                List.of(ZeroLatency.class, WorkerTimes.class),
                "bench-zero-" + UUID.randomUUID(),
                WorkerApp.PARTITIONS * 2,
                WORKER_SETTINGS);
        LlmWorkerBenchmark bench = new LlmWorkerBenchmark(bootstrap);
        bench.sequential("zero-latency provider", turns);
        bench.sequential("zero-latency provider (again)", turns);
        bench.bargeIn(Math.max(200, turns / 2));
        for (int calls : levels) {
            bench.concurrent(zero, calls, seconds, turnEveryMs);
        }
        zero.close();

        List<String> scripted = new ArrayList<>(List.of(WORKER_SETTINGS));
        scripted.add("voicebot.llm.provider=scripted");
        ConfigurableApplicationContext script = WorkerApp.start(
                List.of(WorkerTimes.class),
                "bench-scripted-" + UUID.randomUUID(),
                WorkerApp.PARTITIONS * 2,
                scripted.toArray(String[]::new));
        bench.sequential("scripted agent (demo script)", turns);
        script.close();

        bench.producer.close();
        bench.segments.close();
        System.exit(0);
    }

    /** One call at a time: transcript record sent → first segment record read. */
    private void sequential(String label, int turns) throws Exception {
        int callCount = 50;
        List<BenchCall> calls = new ArrayList<>();
        for (int i = 0; i < callCount; i++) {
            calls.add(startCall());
        }
        int warmup = Math.max(500, turns / 2);
        long[] firstMicros = new long[turns];
        long[] lastMicros = new long[turns];
        for (int i = -warmup; i < turns; i++) {
            BenchCall call = calls.get(Math.floorMod(i, callCount));
            if (i == 0) {
                WorkerTimes.MICROS.clear();
            }
            long[] took = call.turn();
            if (i >= 0) {
                firstMicros[i] = took[0];
                lastMicros[i] = took[1];
            }
        }
        long[] inWorker = WorkerTimes.MICROS.stream().mapToLong(Long::longValue).toArray();
        System.out.printf(
                Locale.ROOT,
                "%-30s transcript in -> first segment out: p50 %s  p99 %s  max %s   (-> last segment p50 %s;"
                        + " inside the worker, input taken -> first segment sent: p50 %s p99 %s; %d turns)%n",
                label,
                ms(percentile(firstMicros, 50)),
                ms(percentile(firstMicros, 99)),
                ms(percentile(firstMicros, 100)),
                ms(percentile(lastMicros, 50)),
                ms(percentile(inWorker, 50)),
                ms(percentile(inWorker, 99)),
                turns);
        for (BenchCall call : calls) {
            call.end();
        }
    }

    /** Speech onset over a reply not yet played: speech-started record sent → turn-cancelled record read. */
    private void bargeIn(int times) throws Exception {
        List<BenchCall> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(startCall());
        }
        int warmup = 100;
        long[] micros = new long[times];
        for (int i = -warmup; i < times; i++) {
            BenchCall call = calls.get(Math.floorMod(i, calls.size()));
            long took = call.interrupted();
            if (i >= 0) {
                micros[i] = took;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%-30s speech started in -> turn cancelled out: p50 %s  p99 %s  max %s   (%d barge-ins)%n",
                "barge-in (zero-latency)",
                ms(percentile(micros, 50)),
                ms(percentile(micros, 99)),
                ms(percentile(micros, 100)),
                times);
        for (BenchCall call : calls) {
            call.end();
        }
    }

    /** N calls at once, each taking a turn every {@code turnEveryMs}. */
    private void concurrent(ConfigurableApplicationContext worker, int callCount, int seconds, int turnEveryMs)
            throws Exception {
        List<BenchCall> calls = new ArrayList<>();
        for (int i = 0; i < callCount; i++) {
            calls.add(startCall());
        }
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long cpuBefore = 0;
        for (int i = 0; i < calls.size(); i++) {
            BenchCall call = calls.get(i);
            long offset = (long) turnEveryMs * i / calls.size();
            clock.scheduleAtFixedRate(
                    () -> waiters.execute(() -> {
                        try {
                            long[] took = call.turn();
                            if (System.nanoTime() > measureFrom) {
                                latencies.add(took[0]);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // the level is over
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }),
                    offset,
                    turnEveryMs,
                    TimeUnit.MILLISECONDS);
        }
        Thread.sleep(3000);
        cpuBefore = workerCpuNanos();
        long processCpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        int turnsBefore = latencies.size();
        Thread.sleep(seconds * 1000L);
        long cpu = workerCpuNanos() - cpuBefore;
        long processCpu = processCpuNanos() - processCpuBefore;
        long wall = System.nanoTime() - wallBefore;
        int measuredTurns = latencies.size() - turnsBefore;
        clock.shutdownNow();
        waiters.shutdownNow();
        long[] values = latencies.stream().mapToLong(Long::longValue).toArray();
        int active = worker.getBean(ConversationEngine.class).activeCalls();
        double cpuPerTurnMs = measuredTurns == 0 ? 0 : cpu / 1e6 / measuredTurns;
        System.out.printf(
                Locale.ROOT,
                "%5d concurrent calls (%d held), a turn every %d ms each: %6.1f turns/s, first segment p50 %s p99 %s,"
                        + " worker threads %.2f cores = %.3f ms CPU per turn (whole JVM with broker and load: %.2f cores),"
                        + " %d failed%n",
                callCount,
                active,
                turnEveryMs,
                measuredTurns / (wall / 1e9),
                ms(percentile(values, 50)),
                ms(percentile(values, 99)),
                cpu / (double) wall,
                cpuPerTurnMs,
                processCpu / (double) wall,
                failed.get());
        for (BenchCall call : calls) {
            call.end();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the worker's own threads: its consumers, producer, timers and work threads. */
    private static long workerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("llm-") || name.contains("llm-worker-bench") || name.contains("| bench-zero")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }

    private BenchCall startCall() throws Exception {
        BenchCall call = new BenchCall("CA" + UUID.randomUUID().toString().replace("-", ""));
        send(
                Topics.CALL_EVENTS,
                new CallStarted(
                        call.callSid,
                        "MZ1",
                        "bench",
                        "+919876543210",
                        "+918041234567",
                        Map.of(),
                        8000,
                        CallDirection.INBOUND,
                        route,
                        System.currentTimeMillis()));
        segments.turn(call.callSid, 1).last().get(30, TimeUnit.SECONDS);
        segments.forget(call.callSid, 1);
        call.turn = 1;
        return call;
    }

    private void send(String topic, VoicebotEvent event) throws Exception {
        producer.send(EventRecords.of(topic, event, route)).get(10, TimeUnit.SECONDS);
    }

    /** One simulated call: the gateway's mark for the last turn, then the caller's next words. */
    private final class BenchCall {
        final String callSid;
        int turn;

        BenchCall(String callSid) {
            this.callSid = callSid;
        }

        /** @return micros to the first and to the last segment of the reply */
        synchronized long[] turn() throws Exception {
            send(Topics.CALL_EVENTS, new MarkPlayed(callSid, "turn-" + turn, turn, System.currentTimeMillis()));
            int next = turn + 1;
            SegmentWaiter.TurnSeen seen = segments.turn(callSid, next);
            long sent = System.nanoTime();
            producer.send(EventRecords.of(
                    Topics.SPEECH,
                    new Transcript(callSid, "what are your opening hours", true, 0.9, 0, 0, System.currentTimeMillis()),
                    route));
            long first = seen.first().get(30, TimeUnit.SECONDS);
            long last = seen.last().get(30, TimeUnit.SECONDS);
            segments.forget(callSid, next);
            turn = next;
            return new long[] {(first - sent) / 1000, (last - sent) / 1000};
        }

        /** A reply that is not played yet, then the caller talks over it: micros to the cancellation. */
        synchronized long interrupted() throws Exception {
            send(Topics.CALL_EVENTS, new MarkPlayed(callSid, "turn-" + turn, turn, System.currentTimeMillis()));
            int next = turn + 1;
            SegmentWaiter.TurnSeen seen = segments.turn(callSid, next);
            send(
                    Topics.SPEECH,
                    new Transcript(
                            callSid, "what are your opening hours", true, 0.9, 0, 0, System.currentTimeMillis()));
            seen.last().get(30, TimeUnit.SECONDS);
            long sent = System.nanoTime();
            producer.send(EventRecords.of(
                    Topics.SPEECH,
                    new dev.voicebot.common.event.SpeechStarted(callSid, 0, System.currentTimeMillis()),
                    route));
            long cancelled = seen.cancelled().get(30, TimeUnit.SECONDS);
            segments.forget(callSid, next);
            turn = next;
            return (cancelled - sent) / 1000;
        }

        void end() throws Exception {
            send(
                    Topics.CALL_EVENTS,
                    new dev.voicebot.common.event.CallEnded(
                            callSid,
                            dev.voicebot.common.event.CallEnded.Reason.CALLER_HUNG_UP,
                            "",
                            System.currentTimeMillis()));
        }
    }

    private static long percentile(long[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, Integer.toString(fallback)));
    }
}
