package dev.voicebot.dialer.call;

/** An idempotency key was reused for a different call. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String message) {
        super(message);
    }
}
