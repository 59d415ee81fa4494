package dev.voicebot.stt.recognizer;

import dev.voicebot.service.resilience.CircuitBreaker;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call's session on the cloud recognizer that moves to the fallback recognizer if it fails (see
 * {@link FallbackRecognizer}). The move happens on the thread feeding audio, at its next call,
 * never in the provider's callback: the provider may hold its own locks there.
 */
final class FailoverSession implements RecognitionSession {

    private final SessionSpec spec;
    private final RecognitionListener listener;
    private final CircuitBreaker breaker;
    private final SpeechRecognizer fallback;
    private final AtomicBoolean outcomeReported = new AtomicBoolean();
    private volatile RecognitionSession current;
    private volatile boolean moveToFallback;
    private volatile boolean inputEnded;
    private long bytesPushed;
    private long fallbackStartMs;

    FailoverSession(
            SessionSpec spec,
            RecognitionListener listener,
            SpeechRecognizer primary,
            CircuitBreaker breaker,
            SpeechRecognizer fallback) {
        this.spec = spec;
        this.listener = listener;
        this.breaker = breaker;
        this.fallback = fallback;
        this.current = primary.open(spec, this::fromCloud);
    }

    @Override
    public void push(byte[] pcm) {
        moveIfFailed();
        bytesPushed += pcm.length;
        current.push(pcm);
    }

    @Override
    public void flush() {
        moveIfFailed();
        current.flush();
    }

    @Override
    public void endInput() {
        inputEnded = true;
        current.endInput();
    }

    @Override
    public void abort() {
        inputEnded = true;
        current.abort();
    }

    @Override
    public boolean isTerminated() {
        return !moveToFallback && current.isTerminated();
    }

    private void moveIfFailed() {
        if (moveToFallback && !inputEnded) {
            moveToFallback = false;
            fallbackStartMs = bytesPushed * 1000 / 2 / spec.sampleRate();
            current = fallback.open(spec, event -> listener.onEvent(shifted(event, fallbackStartMs)));
        }
    }

    private void fromCloud(RecognitionEvent event) {
        switch (event) {
            case RecognitionEvent.FinalTranscript result -> report(true);
            case RecognitionEvent.NoMatch noMatch -> report(true);
            case RecognitionEvent.Closed closed -> {
                if (outcomeReported.compareAndSet(false, true)) {
                    breaker.onIgnored(); // a call without speech says nothing about the provider
                }
            }
            case RecognitionEvent.Failed failed -> {
                report(false);
                if (fallback != null && !inputEnded) {
                    // the call goes on with the fallback: not the end of this session
                    moveToFallback = true;
                    listener.onEvent(new RecognitionEvent.Interrupted(failed.cause()));
                    return;
                }
            }
            default -> {}
        }
        listener.onEvent(event);
    }

    private void report(boolean success) {
        if (outcomeReported.compareAndSet(false, true)) {
            if (success) {
                breaker.onSuccess();
            } else {
                breaker.onFailure();
            }
        }
    }

    /** The fallback's event with its offsets counted from the start of this session. */
    static RecognitionEvent shifted(RecognitionEvent event, long byMs) {
        return switch (event) {
            case RecognitionEvent.SpeechStarted e -> new RecognitionEvent.SpeechStarted(e.offsetMs() + byMs);
            case RecognitionEvent.SpeechEnded e -> new RecognitionEvent.SpeechEnded(e.offsetMs() + byMs);
            case RecognitionEvent.PartialTranscript e ->
                new RecognitionEvent.PartialTranscript(e.text(), e.startMs() + byMs, e.endMs() + byMs);
            case RecognitionEvent.FinalTranscript e ->
                new RecognitionEvent.FinalTranscript(e.text(), e.confidence(), e.startMs() + byMs, e.endMs() + byMs);
            case RecognitionEvent.NoMatch e -> new RecognitionEvent.NoMatch(e.startMs() + byMs, e.endMs() + byMs);
            default -> event;
        };
    }
}
