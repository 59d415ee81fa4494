package dev.voicebot.llm.provider;

import dev.voicebot.common.event.CallDirection;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * What the agent knows about the call, for templates and prompts.
 *
 * @param from the caller's number (personal data)
 * @param to the called number
 * @param values the call's custom parameters and the dialer's variables, by name
 * @param now the call's local time at the request
 */
public record CallFacts(
        String from, String to, CallDirection direction, Map<String, String> values, ZonedDateTime now) {

    public CallFacts {
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        direction = direction == null ? CallDirection.INBOUND : direction;
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
