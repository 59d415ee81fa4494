package dev.voicebot.llm.conversation;

/** How a bot turn ends the call once it has played. */
enum CallAction {
    END_CALL("goodbye"),
    TRANSFER("transfer");

    private final String reason;

    CallAction(String reason) {
        this.reason = reason;
    }

    /** The reason an {@code EndCall} command carries. */
    String reason() {
        return reason;
    }
}
