package dev.voicebot.llm.conversation;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallStarted;
import java.util.HashMap;
import java.util.Map;

/**
 * What the worker knows about a call.
 *
 * @param from the caller's number (personal data: log only through {@code Redact.phone})
 * @param customParameters the socket's custom parameters
 * @param variables the dialer's variables of an outbound call
 * @param sampleRate the call's audio rate, copied into every segment
 * @param route the gateway route topic, or {@code null} while unknown
 * @param startedAt epoch ms of the call's start, or of when the worker first heard of it
 */
public record CallContext(
        String callSid,
        String from,
        String to,
        CallDirection direction,
        Map<String, String> customParameters,
        Map<String, String> variables,
        int sampleRate,
        String route,
        long startedAt) {

    public CallContext {
        customParameters = customParameters == null ? Map.of() : Map.copyOf(customParameters);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        direction = direction == null ? CallDirection.INBOUND : direction;
    }

    static CallContext of(CallStarted started, Map<String, String> variables) {
        return new CallContext(
                started.callSid(),
                started.from(),
                started.to(),
                started.direction(),
                started.customParameters(),
                variables,
                started.sampleRate(),
                started.route(),
                started.at());
    }

    /** A call the worker hears of without its start: only the route of the record is known. */
    static CallContext unknown(String callSid, String route, int sampleRate, long now) {
        return new CallContext(callSid, null, null, CallDirection.INBOUND, Map.of(), Map.of(), sampleRate, route, now);
    }

    /** Custom parameters and variables by name; the dialer's variables win. */
    Map<String, String> values() {
        Map<String, String> values = new HashMap<>(customParameters);
        values.putAll(variables);
        return values;
    }

    CallContext withVariables(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(variables);
        merged.putAll(more);
        return new CallContext(callSid, from, to, direction, customParameters, merged, sampleRate, route, startedAt);
    }

    CallContext withDirection(CallDirection newDirection) {
        return new CallContext(
                callSid, from, to, newDirection, customParameters, variables, sampleRate, route, startedAt);
    }

    CallContext withRoute(String newRoute) {
        return newRoute == null || newRoute.equals(route)
                ? this
                : new CallContext(
                        callSid, from, to, direction, customParameters, variables, sampleRate, newRoute, startedAt);
    }
}
