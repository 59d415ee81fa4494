package dev.voicebot.stt.recognizer.vosk;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.recognizer.RecognizerContractTest;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Vosk on a corpus utterance. No Vosk model is available from Maven Central, Debian or npm, so
 * this runs only where VOSK_MODEL_PATH points at a downloaded model; elsewhere it is skipped.
 */
class VoskContractTest extends RecognizerContractTest {

    private static VoskRecognizer recognizer;
    private static Corpus.Utterance utterance;

    @BeforeAll
    static void start() {
        String path = System.getenv("VOSK_MODEL_PATH");
        assumeTrue(path != null && Files.isDirectory(Path.of(path)), "VOSK_MODEL_PATH names no Vosk model folder");
        recognizer = new VoskRecognizer(Path.of(path), List.of());
        utterance = Corpus.load().stream()
                .filter(u -> u.id().equals("in09"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    @Override
    protected SpeechRecognizer recognizer() {
        return recognizer;
    }

    @Override
    protected byte[] utterance() {
        return utterance.audio().pcm();
    }

    @Override
    protected String utteranceText() {
        return utterance.text();
    }
}
