package dev.voicebot.stt.call;

import dev.voicebot.stt.vad.TurnSettings;
import java.time.Duration;

/**
 * How each call is handled.
 *
 * @param turns when turns start and end
 * @param publishPartials whether partial transcripts are published (finals always are)
 * @param maxRestarts recognition sessions re-opened after a retryable failure before the call goes
 *     on without transcripts
 * @param restartBackoff the wait after the first failure before re-opening, doubled on each one
 */
public record CallSettings(TurnSettings turns, boolean publishPartials, int maxRestarts, Duration restartBackoff) {

    public CallSettings {
        if (maxRestarts < 0 || restartBackoff.isNegative()) {
            throw new IllegalArgumentException("max restarts and restart backoff must not be negative");
        }
    }

    public static CallSettings defaults() {
        return new CallSettings(TurnSettings.phoneDefaults(), false, 3, Duration.ofSeconds(1));
    }
}
