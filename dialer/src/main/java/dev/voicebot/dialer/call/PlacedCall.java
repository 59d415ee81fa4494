package dev.voicebot.dialer.call;

import dev.voicebot.dialer.exotel.ConnectMode;
import java.time.Instant;

/**
 * A call Exotel accepted.
 *
 * @param callSid Exotel's CallSid
 * @param correlationId our id, in CustomField, the status callbacks and (voice-ai) the stream URL
 * @param phoneNumber the customer, E.164
 * @param exotelStatus Exotel's first status (usually in-progress, meaning "dialling")
 * @param replayed true when an idempotency key returned an earlier result
 */
public record PlacedCall(
        String callSid,
        String correlationId,
        String phoneNumber,
        ConnectMode mode,
        String exotelStatus,
        Instant placedAt,
        boolean replayed) {

    public PlacedCall asReplay() {
        return new PlacedCall(callSid, correlationId, phoneNumber, mode, exotelStatus, placedAt, true);
    }
}
