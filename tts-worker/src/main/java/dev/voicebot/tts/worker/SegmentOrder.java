package dev.voicebot.tts.worker;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.kafka.TurnStage;
import java.util.Map;

/**
 * A bot segment to speak, with what its audio needs to reach the right gateway.
 *
 * @param route the gateway route topic, from the segment record's {@code vb-route} header
 * @param turnStartedAtMicros the {@code vb-turn-started-at} header, copied onto the audio; 0 when absent
 * @param receivedAtNanos when the worker read the segment, for first-audio latency
 * @param stamps the turn's timeline so far (earlier hops and this worker's receipt), copied onto the audio
 */
public record SegmentOrder(
        BotSegment segment, String route, long turnStartedAtMicros, long receivedAtNanos, Map<TurnStage, Long> stamps) {

    public SegmentOrder {
        stamps = stamps == null ? Map.of() : Map.copyOf(stamps);
    }

    public String callSid() {
        return segment.callSid();
    }

    public int turn() {
        return segment.turn();
    }

    public int sampleRate() {
        return segment.sampleRate();
    }

    /** Groups the pieces of one turn for providers that continue an utterance across them. */
    public String contextKey() {
        return contextKey(segment.callSid(), segment.turn());
    }

    static String contextKey(String callSid, int turn) {
        return callSid + "/turn-" + turn;
    }
}
