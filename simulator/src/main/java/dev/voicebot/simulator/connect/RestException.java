package dev.voicebot.simulator.connect;

import java.util.Optional;

/**
 * An error answer in Exotel's Twilio-style shape (shared/reference/exotel.md §3.6):
 * {@code {"RestException":{"Status":400,"Code":34001,"Message":"…"}}}, or the same under {@code <TwilioResponse>}.
 * {@code Code} is sent only where one is known; Exotel's own payloads vary, so clients must parse leniently.
 */
public final class RestException extends RuntimeException {

    /** The code Exotel answers bad or missing parameters with. */
    public static final int INVALID_PARAMETER = 34001;

    private final int status;
    private final Integer code;

    public RestException(int status, Integer code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** 400 with code 34001: a parameter is missing or invalid. */
    public static RestException invalidParameter(String message) {
        return new RestException(400, INVALID_PARAMETER, message);
    }

    public int status() {
        return status;
    }

    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }
}
