package dev.voicebot.common.audio;

import static dev.voicebot.common.audio.SignalMeasure.amplitudeAt;
import static dev.voicebot.common.audio.SignalMeasure.db;
import static dev.voicebot.common.audio.SignalMeasure.fitTone;
import static dev.voicebot.common.audio.SignalMeasure.samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTests {

    private static final int[] RATES = {8000, 16000, 24000, 48000};
    private static final double TONE_AMPLITUDE = 0.5;
    private static final double TONE_RMS = TONE_AMPLITUDE * Short.MAX_VALUE / Math.sqrt(2);
    /** Measurements skip this much at each end so filter start-up and tail do not count. */
    private static final double EDGE_MILLIS = 50;

    static Stream<Arguments> ratePairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int from : RATES) {
            for (int to : RATES) {
                if (from != to) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    static Stream<Arguments> upsamplingPairs() {
        return ratePairs().filter(a -> (int) a.get()[0] < (int) a.get()[1]);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void passBandTonesKeepTheirLevelAndComeOutClean(int from, int to) {
        double lowerNyquist = Math.min(from, to) / 2.0;
        for (double hz : new double[] {1000, 0.75 * lowerNyquist}) {
            byte[] out = Resamplers.resample(Pcm16.tone(from, hz, 500, TONE_AMPLITUDE), from, to);

            SignalMeasure.ToneFit fit = fitTone(samples(out, to, EDGE_MILLIS), to, hz);
            double gainDb = db(fit.amplitude() / (TONE_AMPLITUDE * Short.MAX_VALUE));
            System.out.printf(
                    "%5d -> %5d Hz, %6.0f Hz tone: gain %+.4f dB, everything else %.1f dB%n",
                    from, to, hz, gainDb, fit.spuriousDb());
            assertThat(gainDb).as("pass-band gain at %.0f Hz", hz).isBetween(-1.0, 1.0);
            assertThat(fit.spuriousDb()).as("images, aliases and noise").isLessThan(-60);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz, tone {2} Hz")
    @CsvSource({
        "48000, 8000, 5000",
        "48000, 8000, 6000",
        "48000, 8000, 4100",
        "16000, 8000, 5000",
        "16000, 8000, 6000",
        "24000, 8000, 5000",
        "24000, 8000, 6000",
        "24000, 16000, 9000",
        "48000, 16000, 9000",
        "48000, 16000, 12000",
        "48000, 24000, 13500",
        "48000, 24000, 18000"
    })
    void tonesAboveTheNewNyquistAreRemovedNotAliased(int from, int to, double hz) {
        byte[] out = Resamplers.resample(Pcm16.tone(from, hz, 500, TONE_AMPLITUDE), from, to);

        double leftDb = db(SignalMeasure.rms(samples(out, to, EDGE_MILLIS)) / TONE_RMS);
        System.out.printf("%5d -> %5d Hz, %6.0f Hz tone (alias zone): %.1f dB%n", from, to, hz, leftDb);
        assertThat(leftDb).isLessThan(-40);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("upsamplingPairs")
    void upsamplingImagesAboveTheOldNyquistAreSuppressed(int from, int to) {
        int up = to / gcd(from, to);
        for (double hz : new double[] {1000, 3000}) {
            double[] out = samples(Resamplers.resample(Pcm16.tone(from, hz, 500, TONE_AMPLITUDE), from, to), to, 50);
            double tone = amplitudeAt(out, to, hz);
            double worstImageDb = Double.NEGATIVE_INFINITY;
            for (int k = 1; k <= up; k++) {
                for (double image : new double[] {k * from - hz, k * from + hz}) {
                    double heard = foldInto(image, to);
                    if (heard > from / 2.0) {
                        worstImageDb = Math.max(worstImageDb, db(amplitudeAt(out, to, heard) / tone));
                    }
                }
            }
            System.out.printf("%5d -> %5d Hz, %6.0f Hz tone: worst image %.1f dB%n", from, to, hz, worstImageDb);
            assertThat(worstImageDb).isLessThan(-40);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void streamingInOddPiecesEqualsOneShot(int from, int to) {
        byte[] input = speechLikeSignal(from, 1300);
        byte[] oneShot = Resamplers.resample(input, from, to);

        Resampler resampler = Resamplers.create(from, to);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        Random random = new Random(from * 31L + to);
        for (int offset = 0; offset < input.length; ) {
            int size = Math.min(input.length - offset, 1 + random.nextInt(2000));
            byte[] piece = java.util.Arrays.copyOfRange(input, offset, offset + size);
            streamed.writeBytes(resampler.process(piece));
            offset += size;
        }
        streamed.writeBytes(resampler.flush());

        assertThat(streamed.toByteArray()).isEqualTo(oneShot);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void outputLengthIsTheInputDurationAtTheNewRate(int from, int to) {
        for (int inputSamples : new int[] {0, 1, 2, 7, 159, 4801}) {
            byte[] out = Resamplers.resample(new byte[inputSamples * 2], from, to);
            long expected = ((long) inputSamples * to + from - 1) / from;
            assertThat(out.length / 2).as("%d input samples", inputSamples).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void outputIsTimeAlignedWithInput(int from, int to) {
        int step = from / gcd(from, to);
        int impulseAt = 40 * step;
        short[] input = new short[impulseAt * 2];
        input[impulseAt] = 20000;

        short[] out = Pcm16.toSamples(Resamplers.resample(Pcm16.toBytes(input), from, to));

        assertThat(indexOfPeak(out)).isEqualTo((long) impulseAt * to / from);
    }

    @Test
    void flushEndsTheStreamAndTheResamplerStartsAfresh() {
        byte[] input = speechLikeSignal(48000, 300);
        Resampler resampler = Resamplers.create(48000, 8000);
        byte[] first = concat(resampler.process(input), resampler.flush());
        byte[] second = concat(resampler.process(input), resampler.flush());

        assertThat(second).isEqualTo(first).isEqualTo(Resamplers.resample(input, 48000, 8000));
    }

    @Test
    void resetDropsHistoryAndPendingBytes() {
        byte[] before = speechLikeSignal(8000, 200);
        byte[] after = speechLikeSignal(8000, 100);
        Resampler resampler = Resamplers.create(8000, 16000);
        resampler.process(java.util.Arrays.copyOf(before, 301));
        resampler.reset();

        assertThat(concat(resampler.process(after), resampler.flush()))
                .isEqualTo(Resamplers.resample(after, 8000, 16000));
    }

    @Test
    void fullScaleOvershootIsClampedNotWrappedAround() {
        short[] square = new short[8000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = Pcm16.toSamples(Resamplers.resample(Pcm16.toBytes(square), 8000, 16000));

        int largestJump = 0;
        for (int i = 1; i < out.length; i++) {
            largestJump = Math.max(largestJump, Math.abs(out[i] - out[i - 1]));
        }
        assertThat(out).contains(Short.MAX_VALUE, Short.MIN_VALUE);
        assertThat(largestJump).as("a wrapped sample would jump by ~65000").isLessThan(40000);
    }

    @Test
    void equalRatesPassAudioThroughUnchangedEvenInOddPieces() {
        byte[] input = speechLikeSignal(16000, 100);
        Resampler identity = Resamplers.create(16000, 16000);
        byte[] streamed = concat(
                identity.process(java.util.Arrays.copyOfRange(input, 0, 333)),
                identity.process(java.util.Arrays.copyOfRange(input, 333, input.length)),
                identity.flush());

        assertThat(streamed).isEqualTo(input);
        assertThat(Resamplers.resample(input, 16000, 16000)).isEqualTo(input).isNotSameAs(input);
    }

    @Test
    void otherCommonRatesWork() {
        byte[] out = Resamplers.resample(Pcm16.tone(44100, 1000, 500, TONE_AMPLITUDE), 44100, 8000);
        SignalMeasure.ToneFit fit = fitTone(samples(out, 8000, EDGE_MILLIS), 8000, 1000);

        assertThat(db(fit.amplitude() / (TONE_AMPLITUDE * Short.MAX_VALUE))).isBetween(-1.0, 1.0);
        assertThat(fit.spuriousDb()).isLessThan(-60);
    }

    @Test
    void badArgumentsGiveClearErrors() {
        assertThatThrownBy(() -> Resamplers.create(0, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from sample rate");
        assertThatThrownBy(() -> Resamplers.create(8000, -16000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to sample rate");
        assertThatThrownBy(() -> Resamplers.create(8001, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8001 Hz to 8000 Hz");
        assertThatThrownBy(() -> Resamplers.resample(new byte[3], 8000, 16000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even number of bytes");
    }

    @Test
    void printsFrequencyResponses() {
        printResponse(48000, 8000, 300, 1000, 2000, 3000, 3200, 3400, 3600, 3800, 3900, 4200, 5000, 6000);
        printResponse(8000, 16000, 300, 1000, 2000, 3000, 3200, 3400, 3600, 3800);
    }

    private static void printResponse(int from, int to, double... frequencies) {
        StringBuilder row = new StringBuilder(from + " -> " + to + " Hz:");
        for (double hz : frequencies) {
            byte[] out = Resamplers.resample(Pcm16.tone(from, hz, 500, TONE_AMPLITUDE), from, to);
            double level = db(SignalMeasure.rms(samples(out, to, EDGE_MILLIS)) / TONE_RMS);
            row.append(String.format("  %.0f Hz %.1f dB", hz, level));
        }
        System.out.println(row);
    }

    /** Three tones plus low-level noise: exercises every phase and rounding path. */
    static byte[] speechLikeSignal(int sampleRate, int millis) {
        Random random = new Random(7);
        short[] s = new short[sampleRate * millis / 1000];
        for (int i = 0; i < s.length; i++) {
            double t = (double) i / sampleRate;
            double v = 9000 * Math.sin(2 * Math.PI * 220 * t)
                    + 6000 * Math.sin(2 * Math.PI * 1130 * t)
                    + 3000 * Math.sin(2 * Math.PI * 2870 * t)
                    + 800 * random.nextGaussian();
            s[i] = Pcm16.clamp(v);
        }
        return Pcm16.toBytes(s);
    }

    private static double foldInto(double hz, int sampleRate) {
        double f = hz % sampleRate;
        return f > sampleRate / 2.0 ? sampleRate - f : f;
    }

    private static int indexOfPeak(short[] samples) {
        int best = 0;
        for (int i = 1; i < samples.length; i++) {
            if (Math.abs(samples[i]) > Math.abs(samples[best])) {
                best = i;
            }
        }
        return best;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
