package dev.voicebot.common.event;

/**
 * Gateway command: close the call's socket. With {@code afterPlayback} the gateway first lets the
 * bot's audio play out: what is queued, and with {@code afterTurn} above 0 also that turn's audio,
 * which may still be on its way from the TTS worker; it closes once the turn's mark is echoed, or
 * at a deadline if the audio or the echo never comes.
 *
 * @param afterTurn the bot turn (a goodbye) that must play before the socket closes; 0 for none
 */
public record EndCall(String callSid, String reason, boolean afterPlayback, int afterTurn, long at)
        implements VoicebotEvent {

    /** Ends after what is queued now ({@code afterTurn} 0). */
    public EndCall(String callSid, String reason, boolean afterPlayback, long at) {
        this(callSid, reason, afterPlayback, 0, at);
    }
}
