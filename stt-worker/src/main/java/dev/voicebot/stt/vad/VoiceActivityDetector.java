package dev.voicebot.stt.vad;

/**
 * Decides, frame by frame, whether a call's audio holds speech. One instance per call (it keeps
 * state such as a noise floor or a model's recurrent state); not thread-safe.
 */
public interface VoiceActivityDetector extends AutoCloseable {

    /** Samples per frame that {@link #isSpeech} expects at the detector's sample rate. */
    int frameSamples();

    int sampleRate();

    /** Whether this frame (exactly {@link #frameSamples()} samples) is speech. */
    boolean isSpeech(short[] frame);

    /** Forgets the audio heard so far, as at the start of a call. */
    void reset();

    @Override
    default void close() {}
}
