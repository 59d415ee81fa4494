package dev.voicebot.stt.vad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.stt.corpus.Corpus;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The default detector and turn settings on the corpus and on what a phone line adds. */
class EnergyVadTest {

    private static final int RATE = 8000;

    /** Runs audio through a fresh detector and the default turn settings; returns [start, end] pairs in ms. */
    static List<long[]> turns(byte[] audio) {
        VoiceActivityDetector vad = VadFactory.energy(3, 150).create(RATE);
        TurnDetector turns = new TurnDetector(TurnSettings.phoneDefaults());
        List<long[]> found = new ArrayList<>();
        short[] samples = Pcm16.toSamples(audio);
        int frame = vad.frameSamples();
        long start = -1;
        for (int offset = 0; offset + frame <= samples.length; offset += frame) {
            long frameStart = offset * 1000L / RATE;
            long frameEnd = (offset + frame) * 1000L / RATE;
            switch (turns.accept(
                    vad.isSpeech(Arrays.copyOfRange(samples, offset, offset + frame)), frameStart, frameEnd)) {
                case STARTED -> start = turns.startMs();
                case ENDED -> found.add(new long[] {start, turns.lastSpeechEndMs()});
                case NONE -> {}
            }
        }
        return found;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] noise(double rms, int millis, long seed) {
        Random random = new Random(seed);
        short[] samples = new short[RATE * millis / 1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Pcm16.clamp(random.nextGaussian() * rms);
        }
        return Pcm16.toBytes(samples);
    }

    @Test
    void everyCorpusUtteranceIsOneTurnCoveringItsSpeech() {
        for (Corpus.Utterance utterance : Corpus.load()) {
            byte[] audio = concat(Pcm16.silence(RATE, 700), utterance.audio().pcm(), Pcm16.silence(RATE, 1000));
            List<long[]> found = turns(audio);

            assertThat(found).as("turns in %s", utterance.id()).hasSize(1);
            long clipMs = (long) utterance.audio().durationMillis();
            // the corpus pads each clip with 300 ms of silence on both sides
            assertThat(found.getFirst()[0]).as("start of %s", utterance.id()).isBetween(700L + 200, 700L + 500);
            assertThat(found.getFirst()[1])
                    .as("end of %s", utterance.id())
                    .isBetween(700 + clipMs - 500, 700 + clipMs - 200);
        }
    }

    @Test
    void speechAfterLineNoiseIsStillFound() {
        byte[] speech = Corpus.load().getFirst().audio().pcm();
        byte[] audio = concat(noise(80, 1500, 1), speech, noise(80, 1000, 2));
        assertThat(turns(audio)).hasSize(1);
    }

    @Test
    void hissAndBroadbandBurstsAreNotSpeech() {
        assertThat(turns(concat(Pcm16.silence(RATE, 500), noise(2000, 2000, 3), Pcm16.silence(RATE, 1000))))
                .isEmpty();
        assertThat(turns(concat(Pcm16.silence(RATE, 500), noise(8000, 300, 4), Pcm16.silence(RATE, 1000))))
                .isEmpty();
    }

    @Test
    void aClickIsNotSpeech() {
        byte[] click = Pcm16.tone(RATE, 1000, 40, 0.9);
        assertThat(turns(concat(Pcm16.silence(RATE, 500), click, Pcm16.silence(RATE, 1000))))
                .isEmpty();
    }

    @Test
    void zeroCrossingRateSeparatesVoiceFromHiss() {
        assertThat(EnergyVad.zeroCrossingRate(Pcm16.toSamples(Pcm16.tone(RATE, 200, 32, 0.5))))
                .isLessThan(0.1);
        assertThat(EnergyVad.zeroCrossingRate(Pcm16.toSamples(noise(1000, 32, 5))))
                .isGreaterThan(0.35);
    }
}
