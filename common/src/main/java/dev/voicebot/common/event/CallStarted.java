package dev.voicebot.common.event;

import java.util.Map;

/**
 * A call's socket reached the gateway and Exotel sent {@code start}.
 *
 * @param streamSid Exotel's stream id
 * @param accountSid Exotel account
 * @param from the caller's number as Exotel sent it (personal data: never log it unmasked)
 * @param to the called number
 * @param customParameters the socket URL's query parameters and {@code start.custom_parameters}
 * @param sampleRate the rate of the call's audio both ways, in Hz
 * @param route the gateway route topic holding the socket
 */
public record CallStarted(
        String callSid,
        String streamSid,
        String accountSid,
        String from,
        String to,
        Map<String, String> customParameters,
        int sampleRate,
        CallDirection direction,
        String route,
        long at)
        implements VoicebotEvent {

    public CallStarted {
        customParameters = customParameters == null ? Map.of() : Map.copyOf(customParameters);
    }
}
