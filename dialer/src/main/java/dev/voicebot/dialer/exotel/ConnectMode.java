package dev.voicebot.dialer.exotel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How Exotel's Connect API bridges the customer to the bot. */
public enum ConnectMode {
    /** The bot's ExoPhone is called first (its flow opens the socket), then the customer; the seed's mode. */
    TWO_NUMBERS("two-numbers"),
    /** The customer is called and connected to an App Bazaar flow (a Voicebot applet in it). */
    FLOW("flow"),
    /** Connect Voice AI: the customer is called and Exotel opens a socket to our gateway directly. */
    VOICE_AI("voice-ai");

    private final String wire;

    ConnectMode(String wire) {
        this.wire = wire;
    }

    /** The name used in the API, configuration and events: two-numbers, flow or voice-ai. */
    public String wire() {
        return wire;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ConnectMode fromWire(String value) {
        if (value != null) {
            String normalized = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (ConnectMode mode : values()) {
                if (mode.wire.equals(normalized)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("mode must be one of "
                + Arrays.stream(values()).map(ConnectMode::wire).collect(Collectors.joining(", ")) + ", not '"
                + value + "'");
    }

    @Override
    public String toString() {
        return wire;
    }
}
