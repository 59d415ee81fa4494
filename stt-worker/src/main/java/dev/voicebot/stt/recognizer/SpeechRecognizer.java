package dev.voicebot.stt.recognizer;

/**
 * A speech recognition provider: opens one streaming {@link RecognitionSession} per call. An
 * implementation is shared by every call of the worker and must be thread-safe; its sessions are
 * not (one caller thread at a time).
 */
public interface SpeechRecognizer extends AutoCloseable {

    /** Short provider name for events, metrics and logs: {@code pocketsphinx}, {@code deepgram}, … */
    String name();

    RecognizerCapabilities capabilities();

    /**
     * Opens a session. Events go to {@code listener}, possibly from another thread; the session
     * ends with exactly one terminal event ({@link RecognitionEvent.Closed} or {@link
     * RecognitionEvent.Failed}). A provider that cannot open a session at all (its key was refused
     * moments ago, say) still returns a session, which reports the failure as its terminal event.
     *
     * @throws IllegalArgumentException for a sample rate outside {@link
     *     RecognizerCapabilities#supportsRate(int)}
     */
    RecognitionSession open(SessionSpec spec, RecognitionListener listener);

    /** Releases what the provider holds for all sessions (native decoders, HTTP clients). */
    @Override
    default void close() {}
}
