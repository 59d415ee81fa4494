package dev.voicebot.simulator;

import java.io.IOException;
import java.util.OptionalInt;

/** The bot's server refused or never completed the WebSocket handshake (after Exotel's one retry). */
public class CallConnectException extends IOException {

    private final int httpStatus;

    public CallConnectException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the server answered the upgrade request with, if it answered at all. */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }
}
