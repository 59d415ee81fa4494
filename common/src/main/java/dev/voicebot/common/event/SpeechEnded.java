package dev.voicebot.common.event;

/**
 * The caller stopped speaking long enough to end their turn.
 *
 * @param audioOffsetMs call audio before the end of speech
 */
public record SpeechEnded(String callSid, long audioOffsetMs, long at) implements VoicebotEvent {}
