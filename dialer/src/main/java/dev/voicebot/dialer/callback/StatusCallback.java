package dev.voicebot.dialer.callback;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One status callback from Exotel, as far as it could be read.
 *
 * @param callSid Exotel's CallSid (required)
 * @param status completed, failed, busy, no-answer, in-progress, ringing, canceled…; lower case
 * @param eventType answered or terminal when subscribed, null for the default callback
 * @param customField our correlation id, when Exotel sent it back
 * @param conversationDuration seconds the parties talked, when given
 * @param legs each leg's status
 */
public record StatusCallback(
        String callSid,
        String status,
        String eventType,
        String customField,
        String dateUpdated,
        String conversationDuration,
        boolean hasRecording,
        List<Leg> legs) {

    private static final Set<String> FINAL_STATUSES = Set.of("completed", "failed", "busy", "no-answer", "canceled");

    public StatusCallback {
        status = status == null ? null : status.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        eventType = eventType == null || eventType.isBlank()
                ? null
                : eventType.strip().toLowerCase(Locale.ROOT);
        legs = legs == null ? List.of() : List.copyOf(legs);
    }

    /** True for the call's last callback: a terminal event, or a default callback with a final status. */
    public boolean terminal() {
        if (eventType != null) {
            return eventType.equals("terminal");
        }
        return status != null && FINAL_STATUSES.contains(status);
    }

    /** Leg statuses and durations, for the status event's detail; no numbers, no URLs. */
    public String detail() {
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            detail.append(detail.isEmpty() ? "" : "; ")
                    .append("leg ")
                    .append(i + 1)
                    .append(' ')
                    .append(leg.status());
            if (leg.onCallDuration() != null) {
                detail.append(' ').append(leg.onCallDuration()).append('s');
            }
            if (leg.answeredBy() != null) {
                detail.append(" answered by ").append(leg.answeredBy());
            }
        }
        if (conversationDuration != null) {
            detail.append(detail.isEmpty() ? "" : "; ")
                    .append("conversation ")
                    .append(conversationDuration)
                    .append('s');
        }
        if (hasRecording) {
            detail.append(detail.isEmpty() ? "" : "; ").append("recording available");
        }
        return detail.isEmpty() ? null : detail.toString();
    }

    /** One leg of the call as Exotel reports it. */
    public record Leg(String status, String onCallDuration, String answeredBy) {}
}
