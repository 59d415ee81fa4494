package dev.voicebot.simulator.connect;

/**
 * What {@code start.from} and {@code start.to} carry on the bot's socket; Exotel does not document it for outbound
 * calls. The default follows Pipecat's guide (shared/reference/exotel.md §2 caveats).
 */
public enum StartNumbers {
    /** {@code from} = the ExoPhone ({@code CallerId}), {@code to} = the person rung (the default). */
    EXOPHONE_TO_CALLEE,
    /** {@code from} = the person rung, {@code to} = the ExoPhone: the shape of an inbound call. */
    CALLEE_TO_EXOPHONE
}
