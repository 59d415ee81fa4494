package dev.voicebot.gateway.call;

import java.util.Locale;

/** Input a call's socket sent that does not fit the call's state; {@link #tag()} labels metrics and logs. */
public enum CallProblem {
    MEDIA_BEFORE_START,
    MEDIA_AFTER_STOP,
    EVENT_BEFORE_START,
    EVENT_AFTER_STOP,
    DUPLICATE_CONNECTED,
    DUPLICATE_START,
    EMPTY_AUDIO,
    ODD_LENGTH_AUDIO,
    START_WITHOUT_CALL_SID,
    UNSUPPORTED_SAMPLE_RATE,
    BINARY_FRAME,
    MESSAGE_TOO_BIG,
    INTERNAL_ERROR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
