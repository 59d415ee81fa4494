package dev.voicebot.dialer.call;

import dev.voicebot.dialer.exotel.ConnectMode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A call to place, validated: numbers are E.164.
 *
 * @param phoneNumber the customer, E.164
 * @param mode how Exotel connects the customer to the bot
 * @param variables what the bot may use in the call; they reach the LLM worker in {@code
 *     OutboundCallPlaced}
 * @param callerId the number the customer sees, E.164, or null for the ExoPhone
 * @param timeLimitSeconds maximum call length, or null
 * @param record whether Exotel records the call, or null for Exotel's default
 * @param flowAppId App Bazaar app for flow mode, or null for the configured one
 * @param campaignId the campaign this call belongs to, or null
 * @param correlationId the id to use, or null for a fresh one
 */
public record CallOrder(
        String phoneNumber,
        ConnectMode mode,
        Map<String, String> variables,
        String callerId,
        Integer timeLimitSeconds,
        Boolean record,
        String flowAppId,
        String campaignId,
        String correlationId) {

    public CallOrder {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(mode, "mode");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public static CallOrder simple(String phoneNumber, ConnectMode mode) {
        return new CallOrder(phoneNumber, mode, Map.of(), null, null, null, null, null, null);
    }

    /** Everything that makes two requests the same call, for idempotency keys. */
    public String fingerprint() {
        return String.join(
                "|",
                phoneNumber,
                mode.wire(),
                new TreeMap<>(variables).toString(),
                String.valueOf(callerId),
                String.valueOf(timeLimitSeconds),
                String.valueOf(record),
                String.valueOf(flowAppId));
    }
}
