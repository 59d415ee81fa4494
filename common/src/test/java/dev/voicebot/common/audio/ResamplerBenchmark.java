package dev.voicebot.common.audio;

import java.util.Arrays;

/**
 * Cost of resampling one 100 ms frame with a warm streaming resampler, per rate pair.
 *
 * <p>Run after {@code ./mvnw -B -o -q -pl common verify}: {@code java -cp
 * common/target/classes:common/target/test-classes dev.voicebot.common.audio.ResamplerBenchmark}
 */
public final class ResamplerBenchmark {

    private static final int FRAME_MILLIS = 100;
    private static final int WARM_UP_FRAMES = 20_000;
    private static final int MEASURED_FRAMES = 20_000;
    private static final int[][] PAIRS = {
        {8000, 16000},
        {48000, 8000},
        {16000, 8000},
        {24000, 8000},
        {48000, 16000},
        {8000, 24000},
        {16000, 24000},
        {24000, 16000}
    };

    private ResamplerBenchmark() {}

    public static void main(String[] args) {
        System.out.printf(
                "%s %s, %d cores; one %d ms frame per process() call, %d warm-up then %d measured frames%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                FRAME_MILLIS,
                WARM_UP_FRAMES,
                MEASURED_FRAMES);
        System.out.printf(
                "%-16s %6s %10s %10s %10s %14s%n", "pair", "taps", "median µs", "p99 µs", "mean µs", "core % / call");
        long sink = 0;
        for (int[] pair : PAIRS) {
            sink += run(pair[0], pair[1]);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static long run(int from, int to) {
        byte[][] frames = new byte[8][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Pcm16.tone(from, 300 + 400 * i, FRAME_MILLIS, 0.5);
        }
        Resampler resampler = Resamplers.create(from, to);
        long sink = 0;
        for (int i = 0; i < WARM_UP_FRAMES; i++) {
            sink += resampler.process(frames[i % frames.length]).length;
        }
        long[] nanos = new long[MEASURED_FRAMES];
        for (int i = 0; i < MEASURED_FRAMES; i++) {
            long start = System.nanoTime();
            byte[] out = resampler.process(frames[i % frames.length]);
            nanos[i] = System.nanoTime() - start;
            sink += out[out.length / 2];
        }
        long total = Arrays.stream(nanos).sum();
        Arrays.sort(nanos);
        double median = nanos[nanos.length / 2] / 1000.0;
        double p99 = nanos[(int) (nanos.length * 0.99)] / 1000.0;
        double mean = total / 1000.0 / nanos.length;
        PolyphaseFilter filter = PolyphaseFilter.design(from, to);
        System.out.printf(
                "%-16s %6d %10.1f %10.1f %10.1f %13.3f%%%n",
                from + " -> " + to, filter.tapsPerPhase, median, p99, mean, 100 * mean / (FRAME_MILLIS * 1000.0));
        return sink;
    }
}
