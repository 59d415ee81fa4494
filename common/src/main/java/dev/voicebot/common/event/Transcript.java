package dev.voicebot.common.event;

/**
 * Recognized caller speech. Partial transcripts may change; a final one does not.
 *
 * @param text what was recognized (personal data: never log it at info level)
 * @param isFinal whether the recognizer will revise it
 * @param confidence 0 to 1, or -1 when the engine gives none
 * @param startMs call audio offset of the first word
 * @param endMs call audio offset of the end of the last word
 */
public record Transcript(
        String callSid, String text, boolean isFinal, double confidence, long startMs, long endMs, long at)
        implements VoicebotEvent {}
