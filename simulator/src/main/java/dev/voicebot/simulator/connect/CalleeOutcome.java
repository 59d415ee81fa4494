package dev.voicebot.simulator.connect;

import java.util.Locale;

/** What the rung number does. Anything but {@link #ANSWER} ends the call without a socket. */
public enum CalleeOutcome {
    ANSWER("completed"),
    BUSY("busy"),
    NO_ANSWER("no-answer"),
    FAILED("failed");

    private final String callStatus;

    CalleeOutcome(String callStatus) {
        this.callStatus = callStatus;
    }

    /** The terminal {@code Status} a call with this outcome ends with. */
    public String callStatus() {
        return callStatus;
    }

    /** Parses {@code answer}, {@code busy}, {@code no-answer} or {@code failed}. */
    public static CalleeOutcome parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "answer", "answered", "completed" -> ANSWER;
            case "busy" -> BUSY;
            case "no-answer" -> NO_ANSWER;
            case "failed" -> FAILED;
            default ->
                throw new IllegalArgumentException(
                        "a callee outcome is answer, busy, no-answer or failed, not '" + value + "'");
        };
    }
}
