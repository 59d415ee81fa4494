package dev.voicebot.simulator;

/** Why Exotel ends a stream, as sent in {@code stop.reason}. */
public enum StopReason {
    /** The caller hung up. */
    CALL_ENDED("callended"),
    /** The applet ended the stream while the call goes on. */
    STOPPED("stopped");

    private final String wireValue;

    StopReason(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    /** Parses {@code callended} or {@code stopped}. */
    public static StopReason fromWire(String value) {
        for (StopReason reason : values()) {
            if (reason.wireValue.equalsIgnoreCase(value)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("stop reason must be callended or stopped, not " + value);
    }
}
