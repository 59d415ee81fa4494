package dev.voicebot.tts.synth;

import java.util.Objects;

/**
 * One piece of text to speak.
 *
 * @param text what to say, already cleaned of markup
 * @param sampleRate the rate the audio must have, in Hz
 * @param contextKey groups the pieces of one bot turn: providers that accept streaming text input
 *     continue the same utterance across them, keeping the prosody; others ignore it
 * @param endsContext whether this is the last piece of its context
 */
public record SynthesisRequest(String text, int sampleRate, String contextKey, boolean endsContext) {

    public static final int MIN_SAMPLE_RATE = 8000;
    public static final int MAX_SAMPLE_RATE = 48000;

    public SynthesisRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contextKey, "contextKey");
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate must be within " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE
                    + " Hz, got " + sampleRate);
        }
    }

    /** A single piece that is its own context. */
    public static SynthesisRequest single(String text, int sampleRate) {
        return new SynthesisRequest(text, sampleRate, "single-" + System.nanoTime(), true);
    }
}
