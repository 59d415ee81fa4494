package dev.voicebot.common.audio;

/**
 * The immutable, shareable half of a rational resampler from → to: a Kaiser-windowed sinc lowpass
 * designed at the upsampled rate (from × up), split into {@code up} phases.
 *
 * <p>Design rule: the −6 dB cutoff sits at 0.9 of the lower Nyquist frequency and the transition
 * band spans 0.8–1.0 of it, so the pass band is flat to 0.8 × Nyquist (3.2 kHz for 8 kHz audio)
 * and everything at or above the lower Nyquist (aliases when decimating, images when
 * interpolating) is attenuated by at least {@link #STOPBAND_ATTENUATION_DB}.
 */
final class PolyphaseFilter {

    static final double STOPBAND_ATTENUATION_DB = 70;
    static final double CUTOFF_OF_LOWER_NYQUIST = 0.9;
    static final double TRANSITION_OF_LOWER_NYQUIST = 0.2;

    /** Larger reduced ratios (e.g. 8000 → 8001) would need filters of millions of taps. */
    static final int MAX_RATIO_TERM = 1000;

    final int up;
    final int down;
    final int tapsPerPhase;
    /** Index of the prototype's centre tap, in samples of the upsampled rate: the filter delay. */
    final int delay;
    /** {@code phases[p][j]} = prototype tap {@code p + (tapsPerPhase − 1 − j) × up}: reversed for a forward dot product. */
    final float[][] phases;
    /** Phase of the next output after an output in phase p. */
    final int[] nextPhase;
    /** Input samples to advance after an output in phase p. */
    final int[] advance;

    private PolyphaseFilter(int up, int down, int tapsPerPhase, int delay, float[][] phases) {
        this.up = up;
        this.down = down;
        this.tapsPerPhase = tapsPerPhase;
        this.delay = delay;
        this.phases = phases;
        this.nextPhase = new int[up];
        this.advance = new int[up];
        for (int p = 0; p < up; p++) {
            nextPhase[p] = (p + down) % up;
            advance[p] = (p + down) / up;
        }
    }

    static PolyphaseFilter design(int fromRate, int toRate) {
        int gcd = gcd(fromRate, toRate);
        int up = toRate / gcd;
        int down = fromRate / gcd;
        if (up > MAX_RATIO_TERM || down > MAX_RATIO_TERM) {
            throw new IllegalArgumentException("cannot resample " + fromRate + " Hz to " + toRate + " Hz: the ratio "
                    + up + "/" + down + " would need a huge filter; use rates with a simple ratio such as"
                    + " 8000, 16000, 22050, 24000, 32000, 44100 or 48000 Hz");
        }
        double upsampledRate = (double) fromRate * up;
        double lowerNyquist = Math.min(fromRate, toRate) / 2.0;
        double cutoff = CUTOFF_OF_LOWER_NYQUIST * lowerNyquist / upsampledRate;
        double transition = TRANSITION_OF_LOWER_NYQUIST * lowerNyquist / upsampledRate;
        int minLength = kaiserLength(STOPBAND_ATTENUATION_DB, transition);
        int tapsPerPhase = (minLength + up - 1) / up;
        // An odd prototype length puts the centre on a tap, so the delay is a whole number of samples.
        int length = tapsPerPhase * up % 2 == 1 ? tapsPerPhase * up : tapsPerPhase * up - 1;
        double[] prototype = windowedSinc(length, cutoff, kaiserBeta(STOPBAND_ATTENUATION_DB));
        return new PolyphaseFilter(up, down, tapsPerPhase, (length - 1) / 2, split(prototype, up, tapsPerPhase));
    }

    /** Each phase is normalised to a DC gain of exactly 1, which also supplies the interpolation gain of {@code up}. */
    private static float[][] split(double[] prototype, int up, int tapsPerPhase) {
        float[][] phases = new float[up][tapsPerPhase];
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int i = 0; p + i * up < prototype.length; i++) {
                sum += prototype[p + i * up];
            }
            for (int i = 0; p + i * up < prototype.length; i++) {
                phases[p][tapsPerPhase - 1 - i] = (float) (prototype[p + i * up] / sum);
            }
        }
        return phases;
    }

    /** Lowpass of the given cutoff (cycles per sample), centred on the middle tap, Kaiser-windowed. */
    static double[] windowedSinc(int length, double cutoff, double beta) {
        double[] taps = new double[length];
        double centre = (length - 1) / 2.0;
        double windowNorm = besselI0(beta);
        for (int i = 0; i < length; i++) {
            double k = i - centre;
            double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            double r = centre == 0 ? 0 : k / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / windowNorm;
            taps[i] = sinc * window;
        }
        return taps;
    }

    /** Kaiser's estimate of the taps needed for {@code attenuationDb} with a transition of {@code width} cycles per sample. */
    static int kaiserLength(double attenuationDb, double width) {
        return (int) Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * width)) + 1;
    }

    static double kaiserBeta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 200 && term > 1e-12 * sum; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
