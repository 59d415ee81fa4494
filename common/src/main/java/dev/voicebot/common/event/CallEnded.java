package dev.voicebot.common.event;

/** A call is over: its socket closed and no more audio flows either way. */
public record CallEnded(String callSid, Reason reason, String detail, long at) implements VoicebotEvent {

    /** Why the call ended. */
    public enum Reason {
        /** Exotel sent {@code stop} with reason {@code callended}. */
        CALLER_HUNG_UP,
        /** Exotel sent {@code stop} with reason {@code stopped}: the applet ended. */
        STOPPED,
        /** The socket closed without a {@code stop}. */
        SOCKET_DROPPED,
        /** The bot ended the call (goodbye, transfer, limit). */
        BOT_ENDED,
        /** The gateway refused or lost the call because of bad input or a failure on its side. */
        ERROR
    }
}
