package dev.voicebot.stt.recognizer;

/** Receives a session's events; may be called from a provider's thread. */
@FunctionalInterface
public interface RecognitionListener {

    void onEvent(RecognitionEvent event);
}
