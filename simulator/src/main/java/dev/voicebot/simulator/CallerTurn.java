package dev.voicebot.simulator;

import java.util.OptionalLong;

/**
 * One thing the caller said and how fast the bot answered it.
 *
 * @param index 1-based order on the call
 * @param label the text spoken, or "audio" for raw PCM
 * @param speechStartMillis first audible caller sound, ms since the socket opened
 * @param speechEndMillis last audible caller sound, empty while still speaking
 * @param firstBotAudioMillis arrival of the first bot {@code media} after the caller stopped speaking
 */
public record CallerTurn(
        int index,
        String label,
        long speechStartMillis,
        OptionalLong speechEndMillis,
        OptionalLong firstBotAudioMillis) {

    /** Caller end of speech to first bot audio on the socket. Includes Exotel's up-to-100 ms chunking delay. */
    public OptionalLong latencyMillis() {
        if (speechEndMillis.isEmpty() || firstBotAudioMillis.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(firstBotAudioMillis.getAsLong() - speechEndMillis.getAsLong());
    }
}
