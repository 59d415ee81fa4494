package dev.voicebot.dialer.exotel;

import dev.voicebot.dialer.call.LogSafe;
import java.time.Duration;

/** Exotel did not place the call, or we cannot tell whether it did. */
public class ExotelApiException extends RuntimeException {

    /** Why the request failed, which decides what the dialer answers and whether it retries. */
    public enum Kind {
        /** 400, 404, 409 and other 4xx: Exotel refused this request. */
        REJECTED(false),
        /** 401: the API key or token is wrong. */
        UNAUTHORIZED(false),
        /** 402: the account's balance or plan limit. */
        PAYMENT_REQUIRED(false),
        /** 403: the account is suspended or the feature (e.g. Connect Voice AI) is not enabled. */
        FORBIDDEN(false),
        /** 429: Exotel's rate limit; safe to retry, the call was not placed. */
        RATE_LIMITED(false),
        /** 5xx from Exotel. */
        SERVER_ERROR(false),
        /** No answer in time: the call may or may not have been placed. */
        TIMEOUT(true),
        /** The connection could not be made: nothing reached Exotel. */
        UNREACHABLE(false),
        /** The connection broke after the request was sent: the call may or may not have been placed. */
        CONNECTION_LOST(true),
        /** A success status without a CallSid in the body. */
        BAD_RESPONSE(true);

        private final boolean outcomeUnknown;

        Kind(boolean outcomeUnknown) {
            this.outcomeUnknown = outcomeUnknown;
        }

        /** True when Exotel may have placed the call although we got no usable answer. */
        public boolean outcomeUnknown() {
            return outcomeUnknown;
        }

        /** True when the whole account is affected (credentials, balance, suspension), not one call. */
        public boolean accountWide() {
            return this == UNAUTHORIZED || this == PAYMENT_REQUIRED || this == FORBIDDEN;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final Integer exotelCode;
    private final String exotelMessage;
    private final Duration retryAfter;

    public ExotelApiException(
            Kind kind, int httpStatus, Integer exotelCode, String exotelMessage, Duration retryAfter, Throwable cause) {
        super(describe(kind, httpStatus, exotelCode, exotelMessage), cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.exotelCode = exotelCode;
        this.exotelMessage = exotelMessage;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** Exotel's HTTP status, 0 when there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Exotel's RestException code, or null. */
    public Integer exotelCode() {
        return exotelCode;
    }

    /** Exotel's own words (RestException Message, or the start of the body), or our description. */
    public String exotelMessage() {
        return exotelMessage;
    }

    /** Exotel's Retry-After on a 429, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The message with phone numbers masked, for logs. */
    public String logMessage() {
        return LogSafe.maskNumbers(getMessage());
    }

    private static String describe(Kind kind, int httpStatus, Integer code, String message) {
        StringBuilder text = new StringBuilder("Exotel ");
        text.append(
                switch (kind) {
                    case TIMEOUT -> "did not answer in time";
                    case UNREACHABLE -> "could not be reached";
                    case CONNECTION_LOST -> "dropped the connection before answering";
                    case BAD_RESPONSE -> "answered without a CallSid";
                    default -> "refused the call";
                });
        if (httpStatus > 0) {
            text.append(": HTTP ").append(httpStatus);
        }
        if (code != null) {
            text.append(" (code ").append(code).append(')');
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return text.toString();
    }
}
