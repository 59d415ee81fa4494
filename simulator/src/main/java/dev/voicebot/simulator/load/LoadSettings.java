package dev.voicebot.simulator.load;

import dev.voicebot.simulator.demo.DemoConversation;
import java.time.Duration;
import java.util.Objects;

/**
 * What a load run does.
 *
 * @param url the gateway's socket
 * @param calls calls kept in flight: each ended call is followed by a new one until {@code duration} has passed
 * @param duration how long new calls are started; calls in flight then are played to their end
 * @param stagger between the first calls' starts, so that they do not all speak at once
 * @param warmUp figures are taken from turns after this much of the run (JIT, caches); the run still counts every
 *     call's errors
 * @param sampleRate the calls' stream rate: 8000, 16000 or 24000
 * @param timing the waits of each conversation; a reply later than {@code timing.replyStart()} is an error
 */
public record LoadSettings(
        String url,
        int calls,
        Duration duration,
        Duration stagger,
        Duration warmUp,
        int sampleRate,
        DemoConversation.Timing timing) {

    /** Exotel's default stream rate. */
    public static final int DEFAULT_SAMPLE_RATE = 8000;

    /** Waits for a loaded machine: a reply that takes longer than 10 s to start is an error. */
    public static DemoConversation.Timing loadTiming() {
        return new DemoConversation.Timing(
                Duration.ofSeconds(10), Duration.ofSeconds(45), Duration.ofMillis(1500), Duration.ofSeconds(15));
    }

    public LoadSettings {
        Objects.requireNonNull(url, "url");
        if (calls < 1) {
            throw new IllegalArgumentException("at least one call");
        }
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(stagger, "stagger");
        Objects.requireNonNull(warmUp, "warmUp");
        Objects.requireNonNull(timing, "timing");
    }
}
