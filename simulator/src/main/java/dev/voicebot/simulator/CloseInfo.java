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

    public enum ClosedBy {
        /** The simulator (Exotel's side) hung up or ended the stream. */
        SIMULATOR,
        /** The bot sent a close frame. */
        BOT,
        /** The connection failed without a close handshake. */
        NETWORK
    }
}
