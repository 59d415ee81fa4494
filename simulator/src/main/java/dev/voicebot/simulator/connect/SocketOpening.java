package dev.voicebot.simulator.connect;

/** When the bot's socket opens on a two-number call ({@code From} = the bot's ExoPhone, {@code To} = the customer). */
public enum SocketOpening {
    /** Once the customer answers: the bot and the customer meet at once (the default). */
    CUSTOMER_ANSWER,
    /**
     * As soon as the ExoPhone's flow answers {@code From}, before the customer is rung: what Exotel really does
     * (shared/reference/exotel.md §2). A busy or unanswered customer then ends an open socket with
     * {@code stop}/{@code callended}.
     */
    EXOPHONE_ANSWER
}
