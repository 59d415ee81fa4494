package dev.voicebot.simulator.connect;

/**
 * Which {@code call_sid} the bot's socket carries on a two-number call. Exotel does not document it (the socket
 * belongs to the ExoPhone leg's flow, shared/reference/exotel.md §2 caveats); Connect Voice AI and flow calls always
 * carry the Sid the API returned.
 */
public enum SocketCallSid {
    /** The Sid the Connect API answered with (the default). */
    RETURNED_SID,
    /** A sid of its own, as if the ExoPhone's flow ran as a separate call. */
    DISTINCT_LEG_SID
}
