package dev.voicebot.tts.synth;

/** Why a synthesis failed, classified so that callers know whether trying again may help. */
public final class SynthesisException extends Exception {

    /** Provider-independent failure categories. */
    public enum Kind {
        /** The key is missing, wrong or lacks permission. */
        AUTHENTICATION(false),
        /** The provider rejected the request itself (unknown voice, bad text, unsupported format). */
        INVALID_REQUEST(false),
        /** Out of quota or credits. */
        QUOTA(false),
        /** Too many requests right now. */
        RATE_LIMITED(true),
        /** Could not reach the provider, or the connection broke mid-stream. */
        CONNECTIVITY(true),
        /** The provider failed on its side. */
        SERVER(true),
        /** No audio arrived in time. */
        TIMEOUT(true),
        /** The embedded engine failed. */
        ENGINE(false),
        /** Not asked: the provider kept failing and its circuit breaker is open. */
        UNAVAILABLE(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public SynthesisException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SynthesisException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /** The category an HTTP status stands for (also used for status codes inside WebSocket messages). */
    public static Kind kindOfHttpStatus(int status) {
        return switch (status) {
            case 401, 403 -> Kind.AUTHENTICATION;
            case 402 -> Kind.QUOTA;
            case 408 -> Kind.TIMEOUT;
            case 429 -> Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER : Kind.INVALID_REQUEST;
        };
    }
}
