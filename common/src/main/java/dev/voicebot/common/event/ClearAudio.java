package dev.voicebot.common.event;

/**
 * Gateway command: stop the bot talking. The gateway sends Exotel {@code clear}, drops queued
 * audio, and discards audio of turns up to and including {@code turn} that still arrives.
 */
public record ClearAudio(String callSid, int turn, long at) implements VoicebotEvent {}
