package dev.voicebot.stt.call;

/**
 * Timing carried in the headers of a published speech record, so downstream hops can measure the
 * turn.
 *
 * @param route the call's gateway route, or {@code null} when not known yet
 * @param audioOffsetMs call audio before the event ({@code vb-audio-offset-ms})
 * @param capturedAtMicros when the gateway captured the newest audio behind the event
 *     ({@code vb-captured-at}), 0 when unknown
 * @param turnEndedAtMicros when the end of the caller's speech was detected ({@code
 *     vb-turn-started-at}: the bot's turn starts there), 0 for events before it
 */
public record EventTiming(String route, long audioOffsetMs, long capturedAtMicros, long turnEndedAtMicros) {}
