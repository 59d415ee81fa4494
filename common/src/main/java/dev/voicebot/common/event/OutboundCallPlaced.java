package dev.voicebot.common.event;

import java.util.Map;

/**
 * The dialer asked Exotel for an outbound call and Exotel accepted it.
 *
 * @param phoneNumber the callee in E.164 (personal data: never log it unmasked)
 * @param mode the Connect mode used: two-numbers, flow or voice-ai
 * @param variables what the bot may use in this call (names, amounts, campaign columns)
 */
public record OutboundCallPlaced(
        String callSid, String phoneNumber, String mode, Map<String, String> variables, String campaignId, long at)
        implements VoicebotEvent {

    public OutboundCallPlaced {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
