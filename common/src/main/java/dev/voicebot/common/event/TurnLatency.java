package dev.voicebot.common.event;

import dev.voicebot.common.kafka.TurnStage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time of one bot turn went: the epoch-microsecond stamps of its stages, keyed by {@code
 * TurnStage#key()} ({@code speech_ended}, {@code transcript_sent}, …, {@code
 * first_audio_on_socket}). Published by the gateway when the turn's first audio reaches the socket.
 */
public record TurnLatency(String callSid, int turn, Map<String, Long> stagesMicros, long at) implements VoicebotEvent {

    public TurnLatency {
        stagesMicros = stagesMicros == null ? Map.of() : Map.copyOf(stagesMicros);
    }

    /**
     * Milliseconds from each present stage to the next present one, in pipeline order, keyed by the
     * later stage: {@code llm_received} is the Kafka hop from the STT worker to the LLM worker.
     */
    public Map<String, Double> stepsMillis() {
        Map<String, Double> steps = new LinkedHashMap<>();
        Long previous = null;
        for (TurnStage stage : TurnStage.values()) {
            String key = stage.key();
            Long value = stagesMicros.get(key);
            if (value == null) {
                continue;
            }
            if (previous != null) {
                steps.put(key, (value - previous) / 1000.0);
            }
            previous = value;
        }
        return steps;
    }
}
