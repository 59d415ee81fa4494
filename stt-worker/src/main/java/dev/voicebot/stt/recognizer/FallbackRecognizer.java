package dev.voicebot.stt.recognizer;

import dev.voicebot.service.resilience.CircuitBreaker;

/**
 * A cloud recognizer behind its circuit breaker, with the embedded one (when configured) taking
 * over. A call opens its session on the cloud while the breaker lets calls through, otherwise on
 * the fallback at once. A cloud session that fails mid-call is replaced by a fallback session for
 * the rest of the call: the listener sees an {@link RecognitionEvent.Interrupted} and then the
 * fallback's results, with offsets still counted from the start of the call's session. Without a
 * fallback an open breaker fails new sessions at once, so turns get their empty transcripts
 * straight away instead of after the cloud's timeouts.
 *
 * <p>Session outcomes feed the breaker: a result (words or no match) is a success, a failure of
 * the session (refused, unreachable, dropped for good) a failure.
 */
public final class FallbackRecognizer implements SpeechRecognizer {

    private final SpeechRecognizer primary;
    private final SpeechRecognizer fallback;
    private final CircuitBreaker breaker;

    /** @param fallback the embedded recognizer, or {@code null} for none */
    public FallbackRecognizer(SpeechRecognizer primary, SpeechRecognizer fallback, CircuitBreaker breaker) {
        this.primary = primary;
        this.fallback = fallback;
        this.breaker = breaker;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public RecognizerCapabilities capabilities() {
        return primary.capabilities();
    }

    @Override
    public RecognitionSession open(SessionSpec spec, RecognitionListener listener) {
        if (breaker.tryAcquire()) {
            return new FailoverSession(spec, listener, primary, breaker, fallback);
        }
        if (fallback != null) {
            return fallback.open(spec, listener);
        }
        return new FailedSession(
                new SessionEvents(primary.name(), spec, listener),
                new RecognitionException(
                        primary.name(),
                        RecognitionException.Kind.TRANSIENT,
                        "circuit open, not asked (" + breaker.name() + ")"));
    }

    @Override
    public void close() {
        primary.close();
        if (fallback != null) {
            fallback.close();
        }
    }
}
