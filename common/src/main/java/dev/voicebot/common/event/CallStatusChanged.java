package dev.voicebot.common.event;

/**
 * Exotel reported a call's status to the dialer (a status callback, or a poll of the call).
 *
 * @param status Exotel's status word: queued, ringing, in-progress, completed, failed, busy, no-answer, canceled
 * @param eventType Exotel's EventType (answered, terminal), or null
 * @param detail leg statuses, durations, or Exotel's message
 */
public record CallStatusChanged(String callSid, String status, String eventType, String detail, long at)
        implements VoicebotEvent {}
