package dev.voicebot.dialer.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A campaign's progress as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("name") String name,
        @JsonProperty("status") String status,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("settings") CampaignSettings settings,
        @JsonProperty("calling_hours_open") boolean callingHoursOpen,
        @JsonProperty("next_window_opens_at") Instant nextWindowOpensAt,
        @JsonProperty("progress") Progress progress,
        @JsonProperty("outcomes") Map<String, Integer> outcomes,
        @JsonProperty("invalid_rows") List<RowError> invalidRows,
        @JsonProperty("rows") List<RowView> rows) {

    /** How many rows are in each state; {@code attempts} counts calls placed or possibly placed. */
    public record Progress(
            @JsonProperty("total") int total,
            @JsonProperty("pending") int pending,
            @JsonProperty("dialing") int dialing,
            @JsonProperty("in_call") int inCall,
            @JsonProperty("done") int done,
            @JsonProperty("invalid") int invalid,
            @JsonProperty("attempts") int attempts) {}

    /** A CSV row that will not be dialed, and why. */
    public record RowError(
            @JsonProperty("line") int line,
            @JsonProperty("error") String error) {}

    /** One row's progress. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowView(
            @JsonProperty("line") int line,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("state") String state,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("last_status") String lastStatus,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("call_sid") String callSid,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("error") String error) {}
}
