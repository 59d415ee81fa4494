package dev.voicebot.dialer.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One row of a campaign and its progress; stored under {@code <campaign id>#<index>}.
 *
 * @param index position among the CSV's data rows, from 0
 * @param line the CSV line the row starts on
 * @param phoneNumber E.164 for valid rows, the raw text for invalid ones
 * @param attempts calls placed (or possibly placed) so far
 * @param nextAttemptAt when a PENDING row may be dialed
 * @param correlationId the current attempt's correlation id
 * @param callSid the current attempt's CallSid, once known
 * @param lastStatus the latest status Exotel reported for the current attempt
 * @param outcome a DONE row's result: completed, busy, no-answer, failed, canceled, rejected,
 *     error, no-status, unknown or cancelled
 * @param error the CSV problem of an INVALID row, or Exotel's message for a rejected call
 * @param since when the row entered its state
 */
public record CampaignRow(
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("index") int index,
        @JsonProperty("line") int line,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("variables") Map<String, String> variables,
        @JsonProperty("state") RowState state,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("call_sid") String callSid,
        @JsonProperty("last_status") String lastStatus,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("error") String error,
        @JsonProperty("since") Instant since) {

    public CampaignRow {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public static CampaignRow pending(
            String campaignId, int index, int line, String phoneNumber, Map<String, String> variables, Instant at) {
        return new CampaignRow(
                campaignId,
                index,
                line,
                phoneNumber,
                variables,
                RowState.PENDING,
                0,
                at,
                null,
                null,
                null,
                null,
                null,
                at);
    }

    public static CampaignRow invalid(String campaignId, int index, int line, String raw, String error, Instant at) {
        return new CampaignRow(
                campaignId, index, line, raw, Map.of(), RowState.INVALID, 0, null, null, null, null, null, error, at);
    }

    public CampaignRow dialing(String newCorrelationId, Instant at) {
        return new CampaignRow(
                campaignId,
                index,
                line,
                phoneNumber,
                variables,
                RowState.DIALING,
                attempts + 1,
                null,
                newCorrelationId,
                null,
                null,
                null,
                null,
                at);
    }

    public CampaignRow inCall(String sid, String status, Instant at) {
        return new CampaignRow(
                campaignId,
                index,
                line,
                phoneNumber,
                variables,
                RowState.IN_CALL,
                attempts,
                null,
                correlationId,
                sid,
                status,
                null,
                null,
                at);
    }

    public CampaignRow withLastStatus(String status) {
        return new CampaignRow(
                campaignId,
                index,
                line,
                phoneNumber,
                variables,
                state,
                attempts,
                nextAttemptAt,
                correlationId,
                callSid,
                status,
                outcome,
                error,
                since);
    }

    /** Back in the queue; {@code countAttempt} false gives back an attempt that never reached Exotel. */
    public CampaignRow retryAt(Instant when, boolean countAttempt, String status, Instant at) {
        return new CampaignRow(
                campaignId,
                index,
                line,
                phoneNumber,
                variables,
                RowState.PENDING,
                countAttempt ? attempts : Math.max(0, attempts - 1),
                when,
                null,
                null,
                status,
                null,
                null,
                at);
    }

    public CampaignRow done(String result, String message, Instant at) {
        return new CampaignRow(
                campaignId,
                index,
                line,
                phoneNumber,
                variables,
                RowState.DONE,
                attempts,
                null,
                correlationId,
                callSid,
                lastStatus,
                result,
                message,
                at);
    }

    /** The same row, entering its state again at {@code at} (used when restoring after a restart). */
    public CampaignRow since(Instant at) {
        return new CampaignRow(
                campaignId,
                index,
                line,
                phoneNumber,
                variables,
                state,
                attempts,
                nextAttemptAt,
                correlationId,
                callSid,
                lastStatus,
                outcome,
                error,
                at);
    }
}
