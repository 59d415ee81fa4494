package dev.voicebot.simulator;

import java.util.List;
import java.util.Optional;

/**
 * Counters of one call, a snapshot.
 *
 * @param callerFramesSent {@code media} events sent (speech and silence)
 * @param botMediaFrames well-formed {@code media} events received from the bot
 * @param botAudioMillis audio the bot sent
 * @param botPlayedMillis bot audio that played
 * @param botClearedMillis bot audio dropped by {@code clear} before it played
 * @param chunkSizeViolations bot payloads whose size is not a multiple of 320 bytes, or above 100 KB
 * @param malformedMessages bot frames Exotel could not act on (not JSON, unknown event, bad payload, binary)
 * @param underruns times the bot's audio ran out mid-turn for longer than the tolerance
 * @param underrunMillis total silence those gaps caused
 * @param clears {@code clear} events received
 * @param marksReceived {@code mark} events received
 * @param marksEchoed marks sent back
 * @param marksDroppedByClear marks discarded by a {@code clear} without an echo
 * @param dtmfSent {@code dtmf} events sent
 * @param problems descriptions of the first protocol problems seen
 * @param close how the socket ended, once it has
 */
public record CallStats(
        long callerFramesSent,
        long botMediaFrames,
        long botAudioMillis,
        long botPlayedMillis,
        long botClearedMillis,
        long chunkSizeViolations,
        long malformedMessages,
        long underruns,
        long underrunMillis,
        long clears,
        long marksReceived,
        long marksEchoed,
        long marksDroppedByClear,
        long dtmfSent,
        List<String> problems,
        Optional<CloseInfo> close) {

    public CallStats {
        problems = List.copyOf(problems);
    }

    /** True when the bot broke the protocol: malformed frames or badly sized audio chunks. */
    public boolean hasProtocolErrors() {
        return malformedMessages > 0 || chunkSizeViolations > 0;
    }
}
