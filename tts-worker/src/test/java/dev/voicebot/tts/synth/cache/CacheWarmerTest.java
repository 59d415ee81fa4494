package dev.voicebot.tts.synth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.tts.support.ScriptedSynthesizer;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheWarmerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String GREETING = "Hello, and welcome to Test Clinic. How can I help?";
    private static final String APOLOGY = "Sorry, I'm having trouble right now. Could you say that again?";

    private final ScriptedSynthesizer engine = new ScriptedSynthesizer("scripted", 2, 20, 0);
    private final PhraseCache cache = new PhraseCache(1 << 20, 1 << 16);
    private final CachingSynthesizer voice = new CachingSynthesizer(engine, cache, 1 << 16);

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void greetingsThenStandbyLinesWholeThenScriptLinesCutIntoSegmentsEachPieceOnceAtEveryRate() throws Exception {
        CacheWarmer warmer = new CacheWarmer(voice, cache, List::of, List.of(8000, 16000), TIMEOUT);

        warmer.start(List.of(GREETING), List.of(GREETING, "Goodbye."), List.of(APOLOGY, "Goodbye."));
        warmer.awaitFinished(TIMEOUT);

        List<String> pieces = List.of("Hello, and welcome to Test Clinic.", "How can I help?", APOLOGY, "Goodbye.");
        assertThat(engine.requests().stream()
                        .filter(request -> request.sampleRate() == 16000)
                        .map(SynthesisRequest::text))
                .containsExactlyElementsOf(pieces);
        assertThat(engine.requests()).hasSize(2 * pieces.size());
        for (String piece : pieces) {
            for (int rate : List.of(8000, 16000)) {
                assertThat(cache.peek(new PhraseCache.Key(voice.voice(), rate, piece)))
                        .as("%s at %d Hz", piece, rate)
                        .isNotNull();
            }
        }
        assertThat(warmer.greetingsSettled()).isTrue();
        assertThat(warmer.piecesWarmed()).isEqualTo(pieces.size());
        assertThat(warmer.piecesFailed()).isZero();
    }

    @Test
    void aPieceTheVoiceFailsIsCountedAndTheRestAreStillWarmed() throws Exception {
        CacheWarmer warmer = new CacheWarmer(voice, cache, List::of, List.of(8000), TIMEOUT);

        warmer.start(List.of("This greeting will fail-at-once."), List.of(), List.of(APOLOGY));
        warmer.awaitFinished(TIMEOUT);

        assertThat(warmer.greetingsSettled())
                .as("no call waits for a greeting that cannot be cached")
                .isTrue();
        assertThat(warmer.piecesFailed()).isEqualTo(1);
        assertThat(warmer.piecesWarmed()).isEqualTo(1);
        assertThat(cache.peek(new PhraseCache.Key(voice.voice(), 8000, APOLOGY)))
                .isNotNull();
    }
}
