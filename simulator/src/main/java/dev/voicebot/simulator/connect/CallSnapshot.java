package dev.voicebot.simulator.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A consistent view of a call at one moment, for responses and callbacks.
 *
 * @param sid the Sid the Connect API returned
 * @param accountSid the account
 * @param request what was asked for
 * @param status {@code in-progress} until the call ends, then {@code completed}, {@code busy}, {@code no-answer} or
 *     {@code failed}
 * @param created when the request was accepted (also the call's {@code StartTime})
 * @param updated when the status last changed
 * @param answeredAt when the person the call is for answered, if they did
 * @param endedAt when the call ended, if it has
 * @param legs the legs, first rung first
 */
public record CallSnapshot(
        String sid,
        String accountSid,
        ConnectRequest request,
        String status,
        Instant created,
        Instant updated,
        Optional<Instant> answeredAt,
        Optional<Instant> endedAt,
        List<CallLeg> legs) {

    public CallSnapshot {
        legs = List.copyOf(legs);
    }

    /** {@code From} as Exotel reports it: the number rung first. */
    public String from() {
        return request.from();
    }

    /**
     * {@code To} as Exotel reports it: the customer on a two-number call; on flow and Voice AI calls, which have no
     * {@code To}, the ExoPhone ({@code CallerId}) the call runs on.
     */
    public String to() {
        return request.to().orElse(request.callerId());
    }

    /** Seconds both parties were connected, rounded up; 0 if nobody answered. */
    public long conversationSeconds() {
        return answeredAt.map(a -> seconds(a, endedAt.orElseGet(Instant::now))).orElse(0L);
    }

    /** Seconds from the request to the end of the call, rounded up; 0 while it lasts. */
    public long durationSeconds() {
        return endedAt.map(e -> seconds(created, e)).orElse(0L);
    }

    public boolean ended() {
        return endedAt.isPresent();
    }

    static long seconds(Instant from, Instant to) {
        long millis = Math.max(0, Duration.between(from, to).toMillis());
        return (millis + 999) / 1000;
    }
}
