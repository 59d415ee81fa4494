package dev.voicebot.llm.provider;

import java.time.Duration;

/**
 * A provider failure, classified once. {@link #retryable()} says whether the same request may
 * succeed if sent again; a stream that already delivered output is never retried regardless.
 */
public class ProviderException extends RuntimeException {

    /** What went wrong, independent of the provider. */
    public enum Kind {
        AUTHENTICATION(false),
        INVALID_REQUEST(false),
        NOT_FOUND(false),
        RATE_LIMITED(true),
        SERVER(true),
        TIMEOUT(true),
        CONNECTION(true),
        /** The response stream ended or broke before its end. */
        STREAM_BROKEN(true),
        /** The provider's own logic failed (a bug or a bad script), not the transport. */
        INTERNAL(false),
        /** Not asked: the provider kept failing and its circuit breaker is open. */
        UNAVAILABLE(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public ProviderException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ProviderException(Kind kind, String message) {
        this(kind, 0, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    /** The HTTP status, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** How long the provider asked us to wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
