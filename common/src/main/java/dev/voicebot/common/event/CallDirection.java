package dev.voicebot.common.event;

/** Who placed the call: a caller dialling our ExoPhone, or our dialer. */
public enum CallDirection {
    INBOUND,
    OUTBOUND
}
