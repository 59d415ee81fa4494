package dev.voicebot.stt.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a sample of latencies, in milliseconds. */
record Percentiles(int count, double p50, double p90, double p99, double max) {

    static Percentiles of(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", count, p50, p90, p99, max);
    }
}
