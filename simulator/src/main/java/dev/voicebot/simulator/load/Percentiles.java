package dev.voicebot.simulator.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * Nearest-rank percentiles of a sample of milliseconds.
 *
 * @param count how many values
 */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    static final Percentiles EMPTY = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Percentiles of(double[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        if (count == 0) {
            return "n=0";
        }
        return String.format(
                Locale.ROOT, "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", count, p50, p95, p99, max);
    }
}
