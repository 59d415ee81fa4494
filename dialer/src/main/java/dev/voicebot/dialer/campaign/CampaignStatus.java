package dev.voicebot.dialer.campaign;

/** Where a campaign stands. */
public enum CampaignStatus {
    /** Dialing whenever its calling hours are open. */
    RUNNING,
    /** Stopped starting calls, by request or because Exotel refused the account; resumable. */
    PAUSED,
    /** Stopped for good; numbers not yet called are marked cancelled. */
    CANCELLED,
    /** Every row reached an outcome. */
    FINISHED
}
