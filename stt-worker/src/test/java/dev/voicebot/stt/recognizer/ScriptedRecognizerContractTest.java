package dev.voicebot.stt.recognizer;

import dev.voicebot.common.audio.Pcm16;

/** The test fake keeps the contract too, so tests built on it mean something. */
class ScriptedRecognizerContractTest extends RecognizerContractTest {

    private final ScriptedRecognizer recognizer = new ScriptedRecognizer("book an appointment");

    @Override
    protected SpeechRecognizer recognizer() {
        return recognizer;
    }

    @Override
    protected byte[] utterance() {
        return Pcm16.tone(8000, 440, 1200, 0.3);
    }

    @Override
    protected String utteranceText() {
        return "book an appointment";
    }
}
