package dev.voicebot.tts.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.support.ScriptedSynthesizer;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FallbackSynthesizerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ScriptedSynthesizer cloud = new ScriptedSynthesizer("cloud", 4, 20, 5, Kind.AUTHENTICATION);
    private final ScriptedSynthesizer embedded = new ScriptedSynthesizer("embedded", 4, 20, 5);
    private final AtomicLong now = new AtomicLong(1_000);
    private final FallbackSynthesizer voice =
            new FallbackSynthesizer(cloud, embedded, Duration.ofSeconds(60), now::get);

    @AfterEach
    void tearDown() {
        cloud.close();
        embedded.close();
    }

    @Test
    void aPieceTheCloudVoiceRefusesBeforeAnyAudioIsSpokenByTheEmbeddedOne() throws Exception {
        RecordingListener listener = speak("Hello cloud-refuses");

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(listener.audioBytes()).isEqualTo(embedded.bytesPerRequest(8000));
        assertThat(embedded.requests()).hasSize(1);
        assertThat(voice.fallbacks()).isEqualTo(1);
    }

    @Test
    void aFailureAfterAudioWentOutIsPassedOnRatherThanRepeatingWords() throws Exception {
        RecordingListener listener = speak("Hello fail-midway");

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(listener.error().kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(embedded.requests()).isEmpty();
    }

    @Test
    void afterAFailureRetryingCannotFixTheCloudVoiceIsSkippedForTheCooldown() throws Exception {
        speak("Hello cloud-refuses").awaitEnd(TIMEOUT);

        speak("Second line.").awaitEnd(TIMEOUT);
        assertThat(cloud.requests()).hasSize(1);

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        speak("Third line.").awaitEnd(TIMEOUT);
        assertThat(cloud.requests()).hasSize(2);
    }

    private RecordingListener speak(String text) {
        RecordingListener listener = new RecordingListener();
        voice.synthesize(SynthesisRequest.single(text, 8000), listener);
        return listener;
    }
}
