package dev.voicebot.tts.synth;

/**
 * A text-to-speech engine. One call of {@link #synthesize} turns one piece of text into PCM16
 * little-endian mono audio at the requested sample rate, streamed to the listener as it is produced.
 *
 * <p>Contract, checked for every implementation by the shared contract test:
 *
 * <ul>
 *   <li>{@code synthesize} returns at once; audio and the outcome arrive on the listener later, or
 *       already during the call (a cached line).
 *   <li>Zero or more {@link SynthesisListener#onAudio} calls, in order, each an even number of bytes
 *       at {@link SynthesisRequest#sampleRate()}; then exactly one of {@code onComplete}, {@code
 *       onError} or {@code onCancelled}; then nothing more.
 *   <li>Callbacks for one request never overlap, but may come from any thread.
 *   <li>{@link SynthesisHandle#cancel()} ends the request with {@code onCancelled} before it returns,
 *       unless the request had already ended; it never blocks on the network or the engine.
 *   <li>Errors are {@link SynthesisException}s saying whether trying again may help.
 * </ul>
 *
 * <p>Never call into a synthesizer while holding a lock that a listener callback also takes: a
 * callback may be running on another thread when {@code cancel} waits for it to finish.
 */
public interface SpeechSynthesizer {

    /** Provider name for logs, metrics and {@code ProviderFailed} events, e.g. {@code marytts}. */
    String provider();

    /** The voice this synthesizer speaks with, stable across restarts; part of phrase-cache keys. */
    String voice();

    SynthesizerCapabilities capabilities();

    SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener);

    /**
     * No more text will follow in {@code contextKey} (the turn ended, failed or was cancelled): the
     * provider drops whatever it keeps for continuing that context. Never blocks.
     */
    default void endContext(String contextKey) {}
}
