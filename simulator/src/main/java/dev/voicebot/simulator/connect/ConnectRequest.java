package dev.voicebot.simulator.connect;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A validated Connect API request.
 *
 * @param mode which kind of call
 * @param from the number rung first: the callee (flow, Voice AI) or the bot's ExoPhone (two numbers)
 * @param to the customer, rung second (two numbers only)
 * @param callerId the ExoPhone shown to the callee
 * @param flowAppId the App Bazaar flow's id (flow only)
 * @param streamUrl the bot's WebSocket URL exactly as sent (Voice AI only)
 * @param timeLimit the longest the call may last
 * @param ringTimeout how long each leg rings ({@code TimeOut})
 * @param record whether a recording was asked for
 * @param customField echoed in the terminal status callback
 * @param statusCallback where status callbacks go
 * @param statusCallbackEvents subscribed events: {@code terminal}, {@code answered}, {@code ringing}
 * @param callbackFormat how callbacks are encoded
 * @param form every field as received
 */
public record ConnectRequest(
        ConnectMode mode,
        String from,
        Optional<String> to,
        String callerId,
        Optional<String> flowAppId,
        Optional<String> streamUrl,
        Optional<Duration> timeLimit,
        Optional<Duration> ringTimeout,
        boolean record,
        Optional<String> customField,
        Optional<URI> statusCallback,
        Set<String> statusCallbackEvents,
        CallbackFormat callbackFormat,
        FormData form) {

    /** The number whose answer matters: {@code To} for two numbers, else {@code From}. */
    public String callee() {
        return to.orElse(from);
    }

    /** Whether callbacks carry the event fields; Exotel does not apply events to flow calls. */
    public boolean subscribed(String event) {
        return mode != ConnectMode.FLOW && statusCallbackEvents.contains(event);
    }
}
