package dev.voicebot.simulator.connect;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one status callback went.
 *
 * @param event {@code answered}, {@code ringing} or {@code terminal}
 * @param attempts POSTs made (Exotel retries a failed delivery up to twice)
 * @param lastStatus the HTTP status of the last attempt, if the receiver answered
 * @param error why the last attempt failed, if it did
 */
public record CallbackDelivery(String event, int attempts, OptionalInt lastStatus, Optional<String> error) {

    public boolean delivered() {
        return lastStatus.isPresent() && lastStatus.getAsInt() / 100 == 2;
    }
}
