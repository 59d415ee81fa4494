package dev.voicebot.common.kafka;

/** What a record's value holds, as the {@link HeaderNames#KIND} header says. */
public enum RecordKind {
    AUDIO("audio"),
    EVENT("event");

    private final String wire;

    RecordKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind a header names; a record without the header is an event. */
    public static RecordKind of(String header) {
        return AUDIO.wire.equals(header) ? AUDIO : EVENT;
    }
}
