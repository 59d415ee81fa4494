package dev.voicebot.dialer.campaign;

/** A campaign row was not dialed for a reason of the dialer's own (its state could not be stored). */
public class NotDialedException extends RuntimeException {

    public NotDialedException(String message, Throwable cause) {
        super(message, cause);
    }
}
