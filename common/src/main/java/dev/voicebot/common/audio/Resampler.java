package dev.voicebot.common.audio;

/**
 * A streaming sample-rate converter for PCM16 mono. It keeps filter history between calls, so a
 * stream cut into pieces of any size (odd byte counts included) gives the same output as the
 * whole stream at once, with no clicks at the joins. Output is time-aligned with the input: the
 * filter delay is absorbed, so the first output sample corresponds to the first input sample, and
 * {@link #process} holds back the last few output samples until later input or {@link #flush()}.
 * Not thread-safe: use one per stream.
 */
public interface Resampler {

    int fromRate();

    int toRate();

    /** Feeds {@code pcm} and returns the output samples now computable; may be empty. */
    byte[] process(byte[] pcm);

    /**
     * Ends the stream: returns the held-back tail so that the total output is ⌈in × to / from⌉
     * samples, then starts afresh as if newly created. A dangling half sample is dropped.
     */
    byte[] flush();

    /** Drops all history and pending input without producing output, e.g. on barge-in. */
    void reset();
}
