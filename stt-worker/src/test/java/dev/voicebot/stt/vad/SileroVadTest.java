package dev.voicebot.stt.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.stt.corpus.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Silero VAD on the corpus and on hiss. The model is not in the repository; this runs where
 * tools/fetch-silero-model.sh (or the -Psilero build) has put it at the surefire property
 * {@code silero.model}, and is skipped elsewhere.
 */
class SileroVadTest {

    private static SileroModel model;

    @BeforeAll
    static void load() {
        String location = System.getProperty("silero.model", "target/silero/silero_vad_v5.onnx");
        assumeThat(Files.isRegularFile(Path.of(location)))
                .as("Silero model at %s (run stt-worker/tools/fetch-silero-model.sh)", location)
                .isTrue();
        model = SileroModel.load(Path.of(location));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static double maxProbability(SileroVad vad, byte[] audio) {
        short[] samples = Pcm16.toSamples(audio);
        double max = 0;
        for (int offset = 0; offset + vad.frameSamples() <= samples.length; offset += vad.frameSamples()) {
            max = Math.max(max, vad.probability(Arrays.copyOfRange(samples, offset, offset + vad.frameSamples())));
        }
        return max;
    }

    @Test
    void speechIsLikelyAndSilenceAndHissAreNot() {
        SileroVad vad = new SileroVad(model, 8000);
        assertThat(maxProbability(vad, Corpus.load().getFirst().audio().pcm())).isGreaterThan(0.8);
        vad.reset();
        assertThat(maxProbability(vad, Pcm16.silence(8000, 1000))).isLessThan(0.2);
        vad.reset();
        assertThat(maxProbability(vad, EnergyVadTest.noise(2000, 2000, 3))).isLessThan(SileroVad.START_THRESHOLD);
    }

    @Test
    void runsAt16kHzToo() {
        SileroVad vad = new SileroVad(model, 16000);
        assertThat(vad.frameSamples()).isEqualTo(512);
        assertThat(maxProbability(vad, Pcm16.silence(16000, 500))).isLessThan(0.2);
    }

    @Test
    void theFactoryFallsBackToEnergyDetectionAtOtherRates() {
        VadFactory factory = VadFactory.silero(model, 3, 150);
        assertThat(factory.create(8000)).isInstanceOf(SileroVad.class);
        assertThat(factory.create(24000)).isInstanceOf(EnergyVad.class);
    }
}
