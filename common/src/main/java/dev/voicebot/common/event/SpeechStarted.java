package dev.voicebot.common.event;

/**
 * Voice activity confirmed the caller started speaking. While the bot is speaking this is the
 * barge-in signal.
 *
 * @param audioOffsetMs call audio before the speech began
 */
public record SpeechStarted(String callSid, long audioOffsetMs, long at) implements VoicebotEvent {}
