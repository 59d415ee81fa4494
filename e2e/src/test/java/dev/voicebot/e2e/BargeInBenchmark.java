package dev.voicebot.e2e;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.simulator.BargeIn;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.TimelineEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Greeting latency and barge-in reaction through the five services on their embedded engines,
 * started as separate JVMs against a real broker ({@link E2ePipeline}). Each call: the simulator
 * sends {@code start}, the bot greets (from the TTS worker's phrase cache, warmed at start-up),
 * and after a random 0.8-1.8 s of greeting the caller talks over it; the call ends once the
 * {@code clear} arrived. Prints, over the measured calls (after one warm-up call):
 *
 * <ul>
 *   <li>greeting: {@code start} sent → first bot {@code media} frame received;
 *   <li>barge-in: the first audible sample of the caller's speech (in the caller's audio, which the
 *       simulator sends in real-time 100 ms frames as Exotel does) → {@code clear} received.
 * </ul>
 *
 * <pre>
 * ./mvnw -B -q -pl e2e -am install -DskipTests   # the service jars and the simulator
 * ./mvnw -B -q -o -pl e2e test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dvoicebot.e2e.work=e2e/target/e2e \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.voicebot.e2e.BargeInBenchmark -Dexec.args="20"
 * </pre>
 */
public final class BargeInBenchmark {

    private static final Duration GREETING_WITHIN = Duration.ofSeconds(20);
    private static final Duration CLEAR_WITHIN = Duration.ofSeconds(5);

    private BargeInBenchmark() {}

    public static void main(String[] args) {
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        } catch (Exception e) {
            e.printStackTrace();
            // the in-process broker's threads would keep the JVM (and exec:java) alive
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(int calls) throws Exception {
        Random random = new Random(7);
        List<Long> greetings = new ArrayList<>();
        List<Long> reactions = new ArrayList<>();
        int missed = 0;
        String pipelineCost;
        try (E2ePipeline pipeline = E2ePipeline.start()) {
            for (int i = 0; i <= calls; i++) {
                Measured measured = oneCall(pipeline.gatewayUrl(), random);
                if (i == 0) {
                    System.out.println("warm-up call: " + measured);
                    continue;
                }
                System.out.println("call " + i + ": " + measured);
                if (measured.greetingMillis >= 0) {
                    greetings.add(measured.greetingMillis);
                }
                if (measured.reactionMillis >= 0) {
                    reactions.add(measured.reactionMillis);
                } else {
                    missed++;
                }
            }
            pipelineCost = gatewayBargeInMean(pipeline.gatewayUrl());
        }
        System.out.println();
        System.out.println("greeting, start -> first bot media frame: " + summary(greetings));
        System.out.println("barge-in, caller speech onset -> clear:   " + summary(reactions)
                + (missed > 0 ? ", " + missed + " calls without a clear" : ""));
        System.out.println("  of which the pipeline (gateway: caller frame that confirmed speech in -> clear out): "
                + pipelineCost);
    }

    /** The mean of the gateway's {@code voicebot.gateway.barge_in} timer, from its Prometheus page. */
    private static String gatewayBargeInMean(String gatewayUrl) throws Exception {
        URI ws = URI.create(gatewayUrl);
        URI prometheus = URI.create("http://" + ws.getHost() + ":" + ws.getPort() + "/actuator/prometheus");
        try (HttpClient http = HttpClient.newHttpClient()) {
            String page = http.send(HttpRequest.newBuilder(prometheus).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            double count = metric(page, "voicebot_gateway_barge_in_seconds_count");
            double sum = metric(page, "voicebot_gateway_barge_in_seconds_sum");
            return count == 0
                    ? "no barge-ins recorded"
                    : String.format(Locale.ROOT, "mean %.1f ms over %d", sum / count * 1000, (long) count);
        }
    }

    private static double metric(String page, String name) {
        return page.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private record Measured(long greetingMillis, long reactionMillis) {
        @Override
        public String toString() {
            return "greeting " + greetingMillis + " ms, barge-in " + reactionMillis + " ms";
        }
    }

    private static Measured oneCall(String gatewayUrl, Random random) throws Exception {
        try (SimulatedCall call = SimulatedCall.builder(gatewayUrl).connect()) {
            if (!call.awaitBotAudio(GREETING_WITHIN)) {
                return new Measured(-1, -1);
            }
            long greeting = call.timeline().stream()
                    .filter(event -> event.kind() == TimelineEvent.Kind.BOT_AUDIO_START)
                    .mapToLong(TimelineEvent::atMillis)
                    .findFirst()
                    .orElse(-1);
            Thread.sleep(800 + random.nextInt(1000));
            // leading silence of 0-99 ms puts the onset anywhere inside a 100 ms media frame
            call.speak("pause", Pcm16.silence(call.sampleRate(), random.nextInt(100)));
            call.speak("what are your opening hours");
            long deadline = System.nanoTime() + CLEAR_WITHIN.toNanos();
            while (call.bargeIns().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long reaction = call.bargeIns().stream()
                    .findFirst()
                    .map(BargeIn::reactionMillis)
                    .filter(r -> r.isPresent())
                    .map(r -> r.getAsLong())
                    .orElse(-1L);
            call.hangUp();
            return new Measured(greeting, reaction);
        }
    }

    private static String summary(List<Long> millis) {
        if (millis.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format(
                Locale.ROOT,
                "n=%d, p50 %d ms, p95 %d ms, max %d ms",
                sorted.size(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                sorted.getLast());
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
