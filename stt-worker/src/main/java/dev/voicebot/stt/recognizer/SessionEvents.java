package dev.voicebot.stt.recognizer;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a session's events to its listener and enforces the contract's ordering: exactly one
 * terminal event, nothing after it. Thread-safe, so a provider may emit from its own threads; a
 * listener that throws is logged and does not break the session.
 */
public final class SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

    private final String provider;
    private final String callSid;
    private final RecognitionListener listener;
    private boolean terminated;

    public SessionEvents(String provider, SessionSpec spec, RecognitionListener listener) {
        this.provider = provider;
        this.callSid = spec.callSid();
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Delivers {@code event} unless the session already ended; returns whether it was delivered. */
    public synchronized boolean emit(RecognitionEvent event) {
        if (terminated) {
            return false;
        }
        terminated = event.terminal();
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.error(
                    "{} listener of call {} failed on {}",
                    provider,
                    callSid,
                    event.getClass().getSimpleName(),
                    e);
        }
        return true;
    }

    public synchronized boolean terminated() {
        return terminated;
    }

    public String callSid() {
        return callSid;
    }
}
