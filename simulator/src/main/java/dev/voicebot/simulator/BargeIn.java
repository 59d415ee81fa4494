package dev.voicebot.simulator;

import java.util.OptionalLong;

/**
 * A {@code clear} from the bot.
 *
 * @param atMillis when it arrived, ms since the socket opened
 * @param reactionMillis time since the caller last started speaking; empty if the caller had not spoken yet
 * @param droppedAudioMillis queued bot audio the clear removed before it could play
 */
public record BargeIn(long atMillis, OptionalLong reactionMillis, long droppedAudioMillis) {}
