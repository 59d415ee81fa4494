package dev.voicebot.tts.synth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.support.ScriptedSynthesizer;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingSynthesizerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ScriptedSynthesizer voice = new ScriptedSynthesizer("scripted", 4, 20, 5);
    private final PhraseCache cache = new PhraseCache(1 << 20, 4 * 320);
    private final CachingSynthesizer cached = new CachingSynthesizer(voice, cache, 4 * 320);

    @AfterEach
    void tearDown() {
        voice.close();
    }

    @Test
    void aLineSaidBeforeIsReplayedAtOnceWithoutTheEngine() throws Exception {
        RecordingListener first = speak("Welcome to the clinic.", 8000);
        first.awaitEnd(TIMEOUT);

        RecordingListener again = speak("Welcome to the clinic.", 8000);

        assertThat(again.terminal()).as("complete before synthesize returned").isEqualTo(Terminal.COMPLETE);
        assertThat(again.audio()).isEqualTo(first.audio());
        assertThat(voice.requests()).hasSize(1);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void theSameLineAtAnotherRateIsSynthesizedAgain() throws Exception {
        speak("Welcome.", 8000).awaitEnd(TIMEOUT);
        speak("Welcome.", 16000).awaitEnd(TIMEOUT);

        assertThat(voice.requests()).hasSize(2);
    }

    @Test
    void cancelledFailedAndOversizedLinesAreNotKept() throws Exception {
        RecordingListener cancelled = new RecordingListener();
        cached.synthesize(SynthesisRequest.single("Cut short.", 8000), cancelled)
                .cancel();
        speak("Broken fail-midway", 8000).awaitEnd(TIMEOUT);
        speak("Too long.", 16000).awaitEnd(TIMEOUT);

        assertThat(cache.entries()).isZero();
    }

    @Test
    void aCachedLastPieceEndsTheProvidersContext() throws Exception {
        speak("Goodbye.", 8000).awaitEnd(TIMEOUT);

        cached.synthesize(new SynthesisRequest("Goodbye.", 8000, "CA9/turn-2", true), new RecordingListener());

        assertThat(voice.endedContexts()).containsExactly("CA9/turn-2");
    }

    private RecordingListener speak(String text, int rate) {
        RecordingListener listener = new RecordingListener();
        cached.synthesize(SynthesisRequest.single(text, rate), listener);
        return listener;
    }
}
