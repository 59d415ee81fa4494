package dev.voicebot.dialer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.voicebot.dialer.call.PlacedCall;
import java.time.Instant;

/** {@code POST /calls}'s answer. */
public record CallResponse(
        @JsonProperty("call_sid") String callSid,
        @JsonProperty("status") String status,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("mode") String mode,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("exotel_status") String exotelStatus,
        @JsonProperty("placed_at") Instant placedAt,
        @JsonProperty("replayed") boolean replayed) {

    static CallResponse of(PlacedCall call) {
        return new CallResponse(
                call.callSid(),
                "call_initiated",
                call.phoneNumber(),
                call.mode().wire(),
                call.correlationId(),
                call.exotelStatus(),
                call.placedAt(),
                call.replayed());
    }
}
