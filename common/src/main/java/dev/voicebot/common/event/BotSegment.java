package dev.voicebot.common.event;

/**
 * A piece of the bot's reply to speak, cut at a clause boundary.
 *
 * @param turn the bot turn it belongs to
 * @param sequence its place in the turn, from 0
 * @param text what to say
 * @param last whether the turn ends with it
 * @param sampleRate the call's audio rate, which the synthesized audio must have
 */
public record BotSegment(String callSid, int turn, int sequence, String text, boolean last, int sampleRate, long at)
        implements VoicebotEvent {}
