package dev.voicebot.stt.recognizer.deepgram;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.stt.recognizer.RecognizerContractTest;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Deepgram client against a local server speaking Deepgram's live API. */
class DeepgramContractTest extends RecognizerContractTest {

    private static FakeDeepgramServer server;
    private static DeepgramRecognizer recognizer;

    @BeforeAll
    static void start() {
        server = new FakeDeepgramServer(8000).transcript("book an appointment");
        recognizer =
                new DeepgramRecognizer(DeepgramSettings.defaults("test-key").withUrl(server.url()));
    }

    @AfterAll
    static void stop() {
        recognizer.close();
        server.close();
    }

    @Override
    protected SpeechRecognizer recognizer() {
        return recognizer;
    }

    @Override
    protected byte[] utterance() {
        return Pcm16.tone(8000, 300, 1500, 0.3);
    }

    @Override
    protected String utteranceText() {
        return "book an appointment";
    }
}
