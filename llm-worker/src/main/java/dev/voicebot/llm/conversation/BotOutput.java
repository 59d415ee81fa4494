package dev.voicebot.llm.conversation;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.SegmentKind;
import dev.voicebot.common.kafka.TurnStage;
import java.util.Map;

/** Where a conversation's output goes: the bot topic, the call's gateway route, the state topic. */
public interface BotOutput {

    /**
     * A segment, cancellation or failure event on the bot segments topic, with the call's route.
     *
     * @param turnStartedAtMicros the turn's {@code vb-turn-started-at} header value, or 0 for none
     * @param stamps the turn's timeline so far, copied onto the record
     */
    void bot(VoicebotEvent event, String route, long turnStartedAtMicros, Map<TurnStage, Long> stamps);

    /** A segment marked with who its words come from ({@link SegmentKind}); otherwise as {@link #bot}. */
    default void segment(
            BotSegment segment, SegmentKind kind, String route, long turnStartedAtMicros, Map<TurnStage, Long> stamps) {
        bot(segment, route, turnStartedAtMicros, stamps);
    }

    /** A command for the gateway holding the call ({@code ClearAudio}, {@code EndCall}). */
    void gateway(VoicebotEvent command, String route);

    /** The conversation's snapshot; {@code null} writes the tombstone that forgets the call. */
    void state(String callSid, ConversationState state);

    /** Blocks until everything sent so far is acknowledged. */
    void flush();
}
