package dev.voicebot.simulator.connect;

/** The three ways Exotel's Connect API places a call (shared/reference/exotel.md §3.2–3.4). */
public enum ConnectMode {
    /** {@code From}, {@code To}, {@code CallerId}: rings {@code From} first, then {@code To}, and bridges them. */
    TWO_NUMBERS,
    /** {@code From}, {@code CallerId}, {@code Url} of an App Bazaar flow: rings {@code From}, then runs the flow. */
    FLOW,
    /** {@code From}, {@code CallerId}, {@code StreamUrl}, {@code StreamType=bidirectional}: rings {@code From}, then streams. */
    VOICE_AI
}
