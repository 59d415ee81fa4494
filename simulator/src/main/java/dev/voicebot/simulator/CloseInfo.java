package dev.voicebot.simulator;

/**
 * How the socket ended.
 *
 * @param closedBy which side ended it
 * @param statusCode the WebSocket close code (1006 when the connection broke without a close frame)
 * @param reason the close reason or error text
 * @param atMillis ms since the socket opened
 */
public record CloseInfo(ClosedBy closedBy, int statusCode, String reason, long atMillis) {

    /** The end of {@link #reason()} when the bot did not answer the simulator's close frame in time. */
    static final String UNANSWERED = "the bot did not answer the close frame, connection aborted";

    /** The simulator hung up and the bot never answered its close frame: the socket had to be aborted. */
    public boolean unanswered() {
        return closedBy == ClosedBy.SIMULATOR && reason != null && reason.endsWith(UNANSWERED);
    }

    public enum ClosedBy {
        /** The simulator (Exotel's side) hung up or ended the stream. */
        SIMULATOR,
        /** The bot sent a close frame. */
        BOT,
        /** The connection failed without a close handshake. */
        NETWORK
    }
}
