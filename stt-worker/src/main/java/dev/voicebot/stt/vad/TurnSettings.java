package dev.voicebot.stt.vad;

import java.time.Duration;

/**
 * When a caller's turn starts and ends.
 *
 * @param minSpeech speech must last this long before it counts (clicks and line pops are shorter)
 * @param endOfTurnSilence silence after speech that ends the turn (phone callers pause ~300 ms
 *     between words)
 * @param preRoll audio kept from before the detected start and given to the recognizer, so the
 *     first syllable is not lost
 * @param maxUtterance a turn longer than this is ended anyway (a stuck noise, a monologue), so its
 *     transcript is not held back forever
 */
public record TurnSettings(Duration minSpeech, Duration endOfTurnSilence, Duration preRoll, Duration maxUtterance) {

    public TurnSettings {
        if (minSpeech.isNegative()
                || endOfTurnSilence.isNegative()
                || endOfTurnSilence.isZero()
                || preRoll.isNegative()
                || maxUtterance.compareTo(minSpeech) <= 0) {
            throw new IllegalArgumentException("turn settings need min speech >= 0, end-of-turn silence > 0, pre-roll"
                    + " >= 0 and a max utterance longer than the min speech, got " + this);
        }
    }

    public static TurnSettings phoneDefaults() {
        return new TurnSettings(
                Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(15));
    }
}
