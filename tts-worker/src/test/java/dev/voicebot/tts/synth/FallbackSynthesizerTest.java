package dev.voicebot.tts.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.service.resilience.BreakerSettings;
import dev.voicebot.service.resilience.CircuitBreaker;
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
    private static final Duration OPEN_FOR = Duration.ofSeconds(60);

    private final ScriptedSynthesizer cloud = new ScriptedSynthesizer("cloud", 4, 20, 5, Kind.AUTHENTICATION);
    private final ScriptedSynthesizer embedded = new ScriptedSynthesizer("embedded", 4, 20, 5);
    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker =
            new CircuitBreaker("tts/cloud", new BreakerSettings(2, 1.0, 10, OPEN_FOR), now::get);
    private final FallbackSynthesizer voice = new FallbackSynthesizer(new BreakerSynthesizer(cloud, breaker), embedded);

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
    void onceTheBreakerOpensPiecesGoStraightToTheEmbeddedVoiceUntilATrialSucceeds() throws Exception {
        speak("One cloud-refuses").awaitEnd(TIMEOUT);
        speak("Two cloud-refuses").awaitEnd(TIMEOUT);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        RecordingListener skipped = speak("Third line.");
        assertThat(skipped.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(cloud.requests()).hasSize(2);
        assertThat(embedded.requests()).hasSize(3);

        now.addAndGet(OPEN_FOR.toNanos());
        RecordingListener trial = speak("Fourth line.");
        assertThat(trial.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(cloud.requests()).hasSize(3);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(embedded.requests()).hasSize(3);
    }

    private RecordingListener speak(String text) {
        RecordingListener listener = new RecordingListener();
        voice.synthesize(SynthesisRequest.single(text, 8000), listener);
        return listener;
    }
}
