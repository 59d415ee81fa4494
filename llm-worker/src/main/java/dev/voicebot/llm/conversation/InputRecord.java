package dev.voicebot.llm.conversation;

import dev.voicebot.common.kafka.TurnStage;
import java.util.Map;

/**
 * Where an input event came from.
 *
 * @param topic the record's topic
 * @param partition the record's partition, which is the call's partition on every input topic
 * @param offset the record's offset
 * @param route the record's route header, or {@code null}
 * @param turnStartedAtMicros the record's {@code vb-turn-started-at} header, or 0
 * @param stamps the turn timeline the record carried, plus when this worker received it
 */
public record InputRecord(
        String topic, int partition, long offset, String route, long turnStartedAtMicros, Map<TurnStage, Long> stamps) {

    public InputRecord {
        stamps = stamps == null ? Map.of() : Map.copyOf(stamps);
    }
}
