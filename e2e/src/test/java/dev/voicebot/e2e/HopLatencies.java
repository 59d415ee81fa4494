package dev.voicebot.e2e;

import dev.voicebot.common.event.TurnLatency;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.simulator.load.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the time of many turns went, from their {@code turn.latency} events: percentiles of each step (the time from
 * the previous stage to this one), of the whole (end of speech detected → first audio on the socket), and of the
 * pipeline's own part, which is the whole less the three steps the speech providers spend: the recognizer's final
 * transcript, the agent's first token and the voice's first audio.
 */
record HopLatencies(Map<String, Percentiles> steps, Percentiles endToEnd, Percentiles pipelineOwn) {

    /** The steps the providers spend, keyed by the stage that ends them. */
    static final Set<String> PROVIDER_STEPS =
            Set.of(TurnStage.TRANSCRIPT_SENT.key(), TurnStage.LLM_FIRST_TOKEN.key(), TurnStage.TTS_FIRST_AUDIO.key());

    static HopLatencies of(List<TurnLatency> turns) {
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        for (TurnStage stage : TurnStage.values()) {
            steps.put(stage.key(), new ArrayList<>());
        }
        List<Double> whole = new ArrayList<>();
        List<Double> own = new ArrayList<>();
        for (TurnLatency turn : turns) {
            Long ended = turn.stagesMicros().get(TurnStage.SPEECH_ENDED.key());
            Long onSocket = turn.stagesMicros().get(TurnStage.FIRST_AUDIO_ON_SOCKET.key());
            if (ended == null || onSocket == null) {
                // the greeting and other turns no caller speech started
                continue;
            }
            Map<String, Double> turnSteps = turn.stepsMillis();
            turnSteps.forEach((stage, millis) -> steps.get(stage).add(millis));
            double total = (onSocket - ended) / 1000.0;
            whole.add(total);
            own.add(total
                    - turnSteps.entrySet().stream()
                            .filter(step -> PROVIDER_STEPS.contains(step.getKey()))
                            .mapToDouble(Map.Entry::getValue)
                            .sum());
        }
        Map<String, Percentiles> percentiles = new LinkedHashMap<>();
        steps.forEach((stage, values) -> {
            if (!values.isEmpty()) {
                percentiles.put(stage, percentiles(values));
            }
        });
        return new HopLatencies(percentiles, percentiles(whole), percentiles(own));
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("per hop (turn.latency; each step ends at the stage named; * = provider time):\n");
        steps.forEach((stage, p) -> out.append(String.format(
                Locale.ROOT,
                "  %-24s p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  (n=%d)%n",
                stage + (PROVIDER_STEPS.contains(stage) ? " *" : ""),
                p.p50(),
                p.p95(),
                p.p99(),
                p.count())));
        out.append("  end of speech detected -> on socket: ").append(endToEnd).append('\n');
        out.append("  pipeline's own (less provider steps): ")
                .append(pipelineOwn)
                .append('\n');
        return out.toString();
    }

    private static Percentiles percentiles(List<Double> values) {
        return Percentiles.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
