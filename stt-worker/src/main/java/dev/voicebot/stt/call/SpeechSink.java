package dev.voicebot.stt.call;

import dev.voicebot.common.event.VoicebotEvent;

/** Where a call's speech events go: {@link KafkaSpeechSink} in the worker. Thread-safe. */
public interface SpeechSink {

    void publish(VoicebotEvent event, EventTiming timing);
}
