package dev.voicebot.stt.recognizer;

/**
 * A provider failure. Its message names the provider and what went wrong, never a key or what the
 * caller said, so it can be logged and put on an event as it is.
 */
public class RecognitionException extends RuntimeException {

    /** What kind of failure; decides whether trying again makes sense. */
    public enum Kind {
        /** The provider refused the credentials. Retrying with the same key cannot succeed. */
        AUTHENTICATION(false),
        /** The request or audio was refused as invalid (bad parameters, unsupported format). */
        INVALID_REQUEST(false),
        /** The provider is not installed or configured on this machine (library, model). */
        UNAVAILABLE(false),
        /** Too many requests or sessions right now; retry later. */
        RATE_LIMITED(true),
        /** The connection failed or dropped, or the provider had a server error. */
        CONNECTION(true),
        /** The provider failed for a reason that may pass (a busy decoder pool). */
        TRANSIENT(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final String provider;
    private final Kind kind;

    public RecognitionException(String provider, Kind kind, String message) {
        this(provider, kind, message, null);
    }

    public RecognitionException(String provider, Kind kind, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.kind = kind;
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
