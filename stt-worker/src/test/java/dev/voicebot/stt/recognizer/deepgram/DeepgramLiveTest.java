package dev.voicebot.stt.recognizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecordingListener;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real Deepgram service; runs only when DEEPGRAM_API_KEY is set. */
@EnabledIfEnvironmentVariable(named = "DEEPGRAM_API_KEY", matches = ".+")
class DeepgramLiveTest {

    @Test
    void recognizesAPhoneLineUtterance() throws Exception {
        Corpus.Utterance utterance = Corpus.load().getFirst();
        try (var recognizer = new DeepgramRecognizer(DeepgramSettings.defaults(System.getenv("DEEPGRAM_API_KEY")))) {
            RecordingListener listener = new RecordingListener();
            RecognitionSession session =
                    recognizer.open(new SessionSpec("CA-live", utterance.audio().sampleRate()), listener);
            byte[] pcm = utterance.audio().pcm();
            for (int offset = 0; offset < pcm.length; offset += 1600) {
                session.push(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + 1600)));
                Thread.sleep(100);
            }
            session.flush();
            RecognitionEvent.FinalTranscript result =
                    listener.await(RecognitionEvent.FinalTranscript.class, Duration.ofSeconds(15));
            session.endInput();
            listener.awaitTerminal(Duration.ofSeconds(15));

            assertThat(result.text().toLowerCase()).contains("appointment");
            listener.assertOneTerminalLast();
        }
    }
}
