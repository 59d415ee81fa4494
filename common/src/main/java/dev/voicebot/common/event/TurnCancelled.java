package dev.voicebot.common.event;

/** The bot's turn was interrupted: nothing more of it is to be synthesized or played. */
public record TurnCancelled(String callSid, int turn, long at) implements VoicebotEvent {}
