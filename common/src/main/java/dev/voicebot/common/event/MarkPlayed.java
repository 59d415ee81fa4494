package dev.voicebot.common.event;

/**
 * Exotel echoed a mark: all bot audio sent before it has played to the caller.
 *
 * @param name the mark's name as sent
 * @param turn the bot turn the mark closed, or 0 when the name is not one of ours
 */
public record MarkPlayed(String callSid, String name, int turn, long at) implements VoicebotEvent {}
