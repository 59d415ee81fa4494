package dev.voicebot.gateway.call;

import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;

/** What a {@link CallSession} asks its socket handler to do; the session itself does no I/O. */
public sealed interface CallAction {

    /** Publish a call event to {@code Topics.CALL_EVENTS}. */
    record PublishEvent(VoicebotEvent event) implements CallAction {}

    /**
     * Publish caller audio to {@code Topics.AUDIO_IN}.
     *
     * @param audioOffsetMs call audio before this record's first sample
     */
    record PublishAudio(AudioRecord audio, long audioOffsetMs) implements CallAction {}

    /** The call started: outbound audio for it may now be played. */
    record BeginPlayback(String callSid, String streamSid, int sampleRate) implements CallAction {}

    /** Exotel echoed one of our marks. */
    record MarkEchoed(String name) implements CallAction {}

    /** A frame was not used; count and log it. */
    record Drop(String reason, String detail) implements CallAction {}

    /** Close the socket with this WebSocket close code. */
    record Close(int code, String reason) implements CallAction {}
}
