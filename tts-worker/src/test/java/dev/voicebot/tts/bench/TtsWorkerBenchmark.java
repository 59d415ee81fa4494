package dev.voicebot.tts.bench;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.testsupport.KafkaTestBroker;
import dev.voicebot.tts.TtsWorkerApplication;
import dev.voicebot.tts.bench.ArrivalLog.Arrival;
import dev.voicebot.tts.support.ScriptedSynthesizer;
import dev.voicebot.tts.support.WorkerFixture;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.cache.PhraseCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Measures the TTS worker on a real (in-process) Kafka broker, as the gateway sees it: time from a
 * bot segment being written to its first audio record arriving on the route topic, with MaryTTS
 * (warm), with a cached line and with a zero-latency voice; how many concurrent turns one worker
 * keeps ahead of real-time playback; how fast a cancelled turn goes quiet; and the heap a cached
 * minute of audio costs. Prints a report; run it as {@code docs/benchmarks.md} describes.
 */
public final class TtsWorkerBenchmark {

    private static final int RATE = 8000;
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(120);
    private static final String[] LINES = {
        "Thank you for calling City Clinic.",
        "Your appointment is confirmed for Monday at ten in the morning.",
        "Could you tell me your date of birth, please?",
        "I have booked a table for two at eight tonight.",
        "Is there anything else I can help you with?",
        "Please hold while I check that for you.",
        "Our opening hours are nine to five, Monday to Friday.",
        "I am sorry, I did not catch that. Could you say it again?",
        "Your order has shipped and will arrive on Thursday.",
        "Goodbye, and thank you for calling.",
    };

    private static String route;
    private static ArrivalLog gateway;
    private static WorkerFixture llm;
    private static int callCounter;

    private TtsWorkerBenchmark() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the in-process broker's threads would keep the JVM alive
    }

    private static void run() throws Exception {
        System.out.printf(
                "TTS worker benchmark: %d cores, JDK %s, heap max %d MB, Kafka %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20,
                KafkaTestBroker.description());
        route = WorkerFixture.createRoute("tts-bench-gateway");
        gateway = new ArrivalLog(route);
        llm = new WorkerFixture();
        try {
            try (ConfigurableApplicationContext app = startWorker("marytts", Map.of())) {
                for (String line : LINES) {
                    speakOnce("To warm up: " + line);
                }
                report("MaryTTS warm, line not cached", firstAudio(LINES));
                report("cached line (MaryTTS voice)", firstAudio(LINES));
                cancelReaction(app, "MaryTTS");
                concurrency("MaryTTS", new int[] {1, 2, 3, 4, 6, 8, 12});
            }
            try (ConfigurableApplicationContext app = startWorker("instant", Map.of())) {
                report("zero-latency fake voice", firstAudio(LINES));
            }
            try (ConfigurableApplicationContext app = startWorker("paced", Map.of())) {
                cancelReaction(app, "fake voice at twice real-time pace");
                concurrency("fake voice, twice real-time pace (pipeline alone)", new int[] {10, 50, 100, 200, 400});
            }
        } finally {
            gateway.close();
            llm.close();
        }
        memoryPerCachedMinute();
    }

    private static ConfigurableApplicationContext startWorker(String voice, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", KafkaTestBroker.bootstrapServers());
        properties.put("spring.kafka.consumer.group-id", "tts-bench-" + voice);
        properties.put("voicebot.kafka.partitions", 12);
        properties.put("voicebot.tts.provider", "marytts");
        properties.put("voicebot.tts.mary.base-dir", System.getProperty("java.io.tmpdir") + "/voicebot-marytts-bench");
        // measured lines must not be in the cache before the benchmark says them, nor compete with it for CPU
        properties.put("voicebot.tts.cache.prewarm", false);
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(extra);
        var builder = new SpringApplicationBuilder(TtsWorkerApplication.class).web(WebApplicationType.NONE);
        if (voice.equals("instant")) {
            builder.sources(InstantVoice.class);
        } else if (voice.equals("paced")) {
            builder.sources(PacedVoice.class);
        }
        ConfigurableApplicationContext app = builder.properties(properties).run();
        WorkerFixture.awaitWorkerListening(app.getBean(KafkaListenerEndpointRegistry.class));
        return app;
    }

    /** Segment written → its first audio record at the gateway, one call at a time. */
    private static List<Double> firstAudio(String[] lines) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (String line : lines) {
            String call = nextCall();
            long sent = System.nanoTime();
            llm.segment(route, call, 1, 0, line, true, RATE);
            long first = gateway.awaitFirst(call, TURN_TIMEOUT);
            millis.add((first - sent) / 1e6);
            gateway.awaitTurnEnd(call, 1, TURN_TIMEOUT);
        }
        return millis;
    }

    private static void speakOnce(String line) throws Exception {
        String call = nextCall();
        llm.segment(route, call, 1, 0, line, true, RATE);
        gateway.awaitTurnEnd(call, 1, TURN_TIMEOUT);
    }

    /**
     * {@code k} calls start a three-segment turn at the same moment. A turn keeps up when no audio
     * record arrives later than real-time playback (started at its first record) would need it.
     */
    private static void concurrency(String voice, int[] levels) throws Exception {
        System.out.printf("%nconcurrent turns, %s (3 segments each, all sent at once):%n", voice);
        System.out.printf(
                "  %5s %14s %14s %14s %12s %10s%n",
                "turns", "first p50 ms", "first max ms", "worst slip ms", "keeping up", "audio s");
        for (int k : levels) {
            Thread.sleep(3000); // let the previous level's background work (draining, GC) finish
            List<String> calls = new ArrayList<>();
            long sent = System.nanoTime();
            for (int i = 0; i < k; i++) {
                String call = nextCall();
                calls.add(call);
                llm.segment(route, call, 1, 0, "Hello caller " + callCounter + ", thank you for waiting.", false, RATE);
                llm.segment(route, call, 1, 1, "Your reference number is " + (1000 + i) + ".", false, RATE);
                llm.segment(route, call, 1, 2, "I will read it again: " + (1000 + i) + ".", true, RATE);
            }
            List<Double> firsts = new ArrayList<>();
            double worstSlip = 0;
            int keepingUp = 0;
            double audioSeconds = 0;
            for (String call : calls) {
                if (!gateway.awaitTurnEnd(call, 1, TURN_TIMEOUT)) {
                    firsts.add(Double.NaN);
                    continue;
                }
                List<Arrival> arrivals = gateway.of(call);
                long start = arrivals.get(0).atNanos();
                firsts.add((start - sent) / 1e6);
                double played = 0;
                double slip = 0;
                for (Arrival arrival : arrivals) {
                    slip = Math.max(slip, (arrival.atNanos() - start) / 1e6 - played);
                    played += arrival.millis();
                }
                audioSeconds += played / 1000;
                worstSlip = Math.max(worstSlip, slip);
                if (slip <= 50) {
                    keepingUp++;
                }
            }
            System.out.printf(
                    "  %5d %14.0f %14.0f %14.0f %9d/%-3d %9.0f%n",
                    k, percentile(firsts, 50), percentile(firsts, 100), worstSlip, keepingUp, k, audioSeconds);
        }
    }

    /** TurnCancelled written while the turn is speaking → the turn's last audio record at the gateway. */
    private static void cancelReaction(ConfigurableApplicationContext app, String voice) throws Exception {
        List<Double> quietAfter = new ArrayList<>();
        List<Integer> lateRecords = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String call = nextCall();
            llm.segment(
                    route, call, 1, 0, "Let me tell you about all of our plans and offers this month.", false, RATE);
            llm.segment(route, call, 1, 1, "The family plan includes four lines and unlimited calls.", true, RATE);
            gateway.awaitFirst(call, TURN_TIMEOUT);
            long cancelled = System.nanoTime();
            llm.cancel(route, call, 1);
            Thread.sleep(1500);
            List<Arrival> after = gateway.of(call).stream()
                    .filter(a -> a.atNanos() > cancelled)
                    .toList();
            lateRecords.add(after.size());
            quietAfter.add(after.isEmpty() ? 0 : (after.get(after.size() - 1).atNanos() - cancelled) / 1e6);
        }
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        Timer delivery = meters.get("tts.cancel.delivery").timer();
        Timer reaction = meters.get("tts.cancel.reaction").timer();
        System.out.printf(
                "%ncancel, %s (%d cancels): TurnCancelled written -> read by the worker: mean %.1f ms, max %.1f ms;"
                        + " read -> turn refused: mean %.3f ms, max %.3f ms%n",
                voice,
                reaction.count(),
                delivery.mean(TimeUnit.MILLISECONDS),
                delivery.max(TimeUnit.MILLISECONDS),
                reaction.mean(TimeUnit.MILLISECONDS),
                reaction.max(TimeUnit.MILLISECONDS));
        System.out.printf(
                "  TurnCancelled written -> last record of the turn at the gateway: %s ms (records in flight: %s)%n",
                format(quietAfter), lateRecords);
    }

    private static void memoryPerCachedMinute() {
        for (int rate : new int[] {8000, 16000}) {
            long before = usedHeapAfterGc();
            PhraseCache cache = new PhraseCache(1L << 30, 1 << 20);
            int lines = 0;
            double seconds = 0;
            while (seconds < 600) {
                int millis = 1500 + (lines % 7) * 500;
                cache.put(
                        new PhraseCache.Key("marytts/cmu-slt-hsmm", rate, "Scripted line number " + lines + "."),
                        Pcm16.tone(rate, 200 + lines % 300, millis, 0.3));
                seconds += millis / 1000.0;
                lines++;
            }
            long after = usedHeapAfterGc();
            double minutes = seconds / 60;
            System.out.printf(
                    "%nphrase cache at %d Hz: %d lines, %.1f minutes of audio: heap %+.0f KB per cached minute"
                            + " (cache's own count %.0f KB; raw PCM %d KB)%n",
                    rate,
                    lines,
                    minutes,
                    (after - before) / 1024.0 / minutes,
                    cache.bytes() / 1024.0 / minutes,
                    rate * 2 * 60 / 1024);
            if (cache.entries() < 0) {
                System.out.println("unreachable: keeps the cache alive until measured");
            }
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(String what, List<Double> millis) {
        System.out.printf(
                "%nsegment written -> first audio record at the gateway, %s (%d lines, one at a time):%n"
                        + "  p50 %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n",
                what,
                millis.size(),
                percentile(millis, 50),
                percentile(millis, 90),
                percentile(millis, 0),
                percentile(millis, 100));
    }

    private static double percentile(List<Double> values, double p) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String format(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

    private static String nextCall() {
        return "CA-bench-" + (++callCounter);
    }

    /** A voice that answers at once: what is measured is the worker and Kafka. Not scanned: passed as a source. */
    static class InstantVoice {
        @Bean
        @Primary
        SpeechSynthesizer instantVoice() {
            return ScriptedSynthesizer.instant();
        }
    }

    /**
     * A voice producing 100 ms of audio every 50 ms for 3 s, twice real time like a cloud voice, using
     * no CPU: any playback slip is the pipeline's. Not scanned: passed as a source.
     */
    static class PacedVoice {
        @Bean
        @Primary
        SpeechSynthesizer pacedVoice() {
            return new ScriptedSynthesizer("paced", 30, 100, 50);
        }
    }
}
