package dev.voicebot.common.script;

/** What the call does after an intent's reply has played. */
public enum IntentAction {
    /** The conversation goes on. */
    NONE,
    /** The bot hangs up once the reply has played. */
    END_CALL,
    /** The bot leaves the call so the Exotel flow continues to its next applet (e.g. a Connect). */
    TRANSFER;

    static IntentAction parse(String word) {
        return switch (word) {
            case "none" -> NONE;
            case "end_call" -> END_CALL;
            case "transfer" -> TRANSFER;
            default -> throw new IllegalArgumentException("must be none, end_call or transfer, not '" + word + "'");
        };
    }
}
