package dev.voicebot.simulator.connect;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the stand-in shows to the next Connect request, to test a client's error handling. Queued with
 * {@link ExotelApiStandIn#injectFault}; each fault is used once, in order.
 */
public sealed interface ApiFault {

    /** Answers after {@code delay}, then handles the request normally. */
    record Slow(Duration delay) implements ApiFault {
        public Slow {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Answers with a {@code RestException} body. */
    record Error(int status, Integer code, String message) implements ApiFault {}

    /** Answers {@code status} with an HTML body, as a proxy or load balancer in front of Exotel would. */
    record GatewayError(int status) implements ApiFault {}

    static ApiFault slow(Duration delay) {
        return new Slow(delay);
    }

    /** HTTP 429, as beyond Exotel's 200 requests a minute. */
    static ApiFault rateLimited() {
        return new Error(429, null, "Too many requests: the Voice API allows 200 requests a minute");
    }

    static ApiFault error(int status, Integer code, String message) {
        return new Error(status, code, message);
    }

    /** A 5xx with an HTML body (502, 503, 504 …). */
    static ApiFault gateway(int status) {
        return new GatewayError(status);
    }

    /**
     * Parses the CLI form: {@code 429}, {@code 5xx} (HTML body), another status (a {@code RestException}), or
     * {@code slow:MILLIS}.
     */
    static ApiFault parse(String value) {
        String v = value.strip();
        try {
            if (v.startsWith("slow:")) {
                return slow(Duration.ofMillis(Long.parseLong(v.substring("slow:".length()))));
            }
            int status = Integer.parseInt(v);
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a fault status is 400-599, not " + status);
            }
            if (status == 429) {
                return rateLimited();
            }
            return status >= 500 ? gateway(status) : error(status, null, "Injected error " + status);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a fault is a status (429, 503 …) or slow:MILLIS, not '" + value + "'");
        }
    }
}
