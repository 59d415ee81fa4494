package dev.voicebot.simulator;

/**
 * Something that happened on the call.
 *
 * @param atMillis milliseconds since the socket opened; caller speech is placed where it is in the caller's audio,
 *     bot events when the message arrived or the audio played
 * @param kind what happened
 * @param detail a short human-readable note (mark name, latency, close code)
 */
public record TimelineEvent(long atMillis, Kind kind, String detail) {

    public enum Kind {
        SOCKET_OPENED,
        START_SENT,
        CALLER_SPEECH_START,
        CALLER_SPEECH_END,
        /** The first bot audio of a bot turn arrived. */
        BOT_AUDIO_START,
        /** Bot audio ran out mid-turn and resumed later. */
        UNDERRUN,
        MARK_RECEIVED,
        MARK_ECHOED,
        /** The bot's audio finished playing at a mark (or ran out before the caller spoke). */
        BOT_TURN_END,
        CLEAR_RECEIVED,
        DTMF_SENT,
        STOP_SENT,
        PROTOCOL_ERROR,
        SOCKET_CLOSED
    }
}
