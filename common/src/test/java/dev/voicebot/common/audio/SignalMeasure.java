package dev.voicebot.common.audio;

/** Level measurements on PCM16 audio for the tests: tone fitting and single-frequency DFT. */
final class SignalMeasure {

    private SignalMeasure() {}

    /** A sinusoid fitted by least squares, and what is left over. */
    record ToneFit(double amplitude, double residualRms) {

        /** Everything that is not the tone (images, aliases, distortion, noise), in dB relative to the tone's RMS. */
        double spuriousDb() {
            return 20 * Math.log10(residualRms / (amplitude / Math.sqrt(2)));
        }
    }

    static double[] samples(byte[] pcm, int sampleRate, double skipMillis) {
        short[] all = Pcm16.toSamples(pcm);
        int skip = (int) Math.round(skipMillis * sampleRate / 1000);
        double[] middle = new double[Math.max(0, all.length - 2 * skip)];
        for (int i = 0; i < middle.length; i++) {
            middle[i] = all[skip + i];
        }
        return middle;
    }

    /** Fits a·cos + b·sin + c at {@code hz}; the residual RMS covers every other component. */
    static ToneFit fitTone(double[] x, int sampleRate, double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        double[][] m = new double[3][3];
        double[] v = new double[3];
        for (int n = 0; n < x.length; n++) {
            double[] basis = {Math.cos(w * n), Math.sin(w * n), 1};
            for (int i = 0; i < 3; i++) {
                v[i] += basis[i] * x[n];
                for (int j = 0; j < 3; j++) {
                    m[i][j] += basis[i] * basis[j];
                }
            }
        }
        double[] coef = solve3(m, v);
        double sumSq = 0;
        for (int n = 0; n < x.length; n++) {
            double r = x[n] - (coef[0] * Math.cos(w * n) + coef[1] * Math.sin(w * n) + coef[2]);
            sumSq += r * r;
        }
        return new ToneFit(Math.hypot(coef[0], coef[1]), Math.sqrt(sumSq / x.length));
    }

    /** Peak amplitude of the component at {@code hz}, from a Hann-windowed DFT (leakage from far tones ≪ −100 dB). */
    static double amplitudeAt(double[] x, int sampleRate, double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int n = 0; n < x.length; n++) {
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / (x.length - 1));
            re += hann * x[n] * Math.cos(w * n);
            im -= hann * x[n] * Math.sin(w * n);
            windowSum += hann;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }

    static double rms(double[] x) {
        double sumSq = 0;
        for (double v : x) {
            sumSq += v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(sumSq / x.length);
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    private static double[] solve3(double[][] a, double[] b) {
        double det = det3(a);
        double[] x = new double[3];
        for (int col = 0; col < 3; col++) {
            double[][] replaced = new double[3][];
            for (int r = 0; r < 3; r++) {
                replaced[r] = a[r].clone();
                replaced[r][col] = b[r];
            }
            x[col] = det3(replaced) / det;
        }
        return x;
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }
}
