package dev.voicebot.common.event;

/** The caller pressed a key: {@code digit} is one of 0-9, {@code *} or {@code #}. */
public record DtmfReceived(String callSid, String digit, int durationMs, long at) implements VoicebotEvent {}
