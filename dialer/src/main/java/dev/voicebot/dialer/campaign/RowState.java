package dev.voicebot.dialer.campaign;

/** Where one campaign row stands. */
public enum RowState {
    /** Waiting for its turn (or its retry time). */
    PENDING,
    /** A Connect request was sent, or may have been: no CallSid yet. */
    DIALING,
    /** Exotel accepted the call; waiting for the terminal status callback. */
    IN_CALL,
    /** Reached an outcome. */
    DONE,
    /** The CSV row was unusable; never dialed. */
    INVALID;

    /** Rows that take one of the campaign's concurrent-call slots. */
    public boolean active() {
        return this == DIALING || this == IN_CALL;
    }
}
