package dev.voicebot.dialer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.voicebot.dialer.call.CallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /calls/{sid}}: what the dialer knows about a call it placed. */
public record CallView(
        @JsonProperty("call_sid") String callSid,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("caller_id") String callerId,
        @JsonProperty("mode") String mode,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("variables") Map<String, String> variables,
        @JsonProperty("placed_at") Instant placedAt,
        @JsonProperty("exotel_status") String exotelStatus,
        @JsonProperty("status") String status,
        @JsonProperty("events") List<Event> events) {

    /** One status callback. */
    public record Event(
            @JsonProperty("status") String status,
            @JsonProperty("event_type") String eventType,
            @JsonProperty("at") Instant at,
            @JsonProperty("detail") String detail) {}

    static CallView of(CallRecord record) {
        return new CallView(
                record.callSid(),
                record.correlationId(),
                record.phoneNumber(),
                record.callerId(),
                record.mode().wire(),
                record.campaignId(),
                record.variables(),
                record.placedAt(),
                record.exotelStatus(),
                record.currentStatus(),
                record.statuses().stream()
                        .map(s -> new Event(s.status(), s.eventType(), s.at(), s.detail()))
                        .toList());
    }
}
