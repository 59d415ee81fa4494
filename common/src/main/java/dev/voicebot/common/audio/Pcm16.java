package dev.voicebot.common.audio;

import java.util.Objects;

/** Helpers for 16-bit signed little-endian mono PCM, the one audio format inside the pipeline. */
public final class Pcm16 {

    public static final int BYTES_PER_SAMPLE = 2;

    /** dBFS reference: a square wave at full scale reads 0 dBFS, a full-scale sine about −3 dBFS. */
    private static final double FULL_SCALE = 32768.0;

    private Pcm16() {}

    public static short[] toSamples(byte[] le) {
        requireEvenLength(le);
        short[] samples = new short[le.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = sampleAt(le, i);
        }
        return samples;
    }

    public static byte[] toBytes(short[] samples) {
        Objects.requireNonNull(samples, "samples");
        byte[] le = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            put(le, i, samples[i]);
        }
        return le;
    }

    /** The sample at {@code index} (counted in samples, not bytes). */
    public static short sampleAt(byte[] le, int index) {
        return (short) ((le[2 * index] & 0xff) | (le[2 * index + 1] << 8));
    }

    /** Rounds to the nearest integer and clamps to the 16-bit range. */
    public static short clamp(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    /** Root mean square in sample units (0..32768); 0 for no audio. */
    public static double rms(byte[] le) {
        requireEvenLength(le);
        int count = le.length / 2;
        if (count == 0) {
            return 0;
        }
        long sumOfSquares = 0;
        for (int i = 0; i < count; i++) {
            int s = sampleAt(le, i);
            sumOfSquares += (long) s * s;
        }
        return Math.sqrt((double) sumOfSquares / count);
    }

    /** Level relative to full scale (32768); negative infinity for silence or no audio. */
    public static double dbfs(byte[] le) {
        double rms = rms(le);
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms / FULL_SCALE);
    }

    public static byte[] silence(int sampleRate, int millis) {
        return new byte[bytesFor(sampleRate, millis)];
    }

    /** Bytes in {@code millis} of audio, whole samples only (rounded down). */
    public static int bytesFor(int sampleRate, int millis) {
        requirePositiveRate(sampleRate);
        if (millis < 0) {
            throw new IllegalArgumentException("duration must not be negative: " + millis + " ms");
        }
        long bytes = (long) sampleRate * millis / 1000 * BYTES_PER_SAMPLE;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(millis + " ms at " + sampleRate + " Hz does not fit in one byte array");
        }
        return (int) bytes;
    }

    /** Duration of {@code byteCount} bytes of audio, counting whole samples. */
    public static double millisOf(int byteCount, int sampleRate) {
        requirePositiveRate(sampleRate);
        if (byteCount < 0) {
            throw new IllegalArgumentException("byte count must not be negative: " + byteCount);
        }
        return (byteCount / BYTES_PER_SAMPLE) * 1000.0 / sampleRate;
    }

    public static void requireEvenLength(byte[] pcm) {
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("PCM16 audio needs an even number of bytes (2 per sample), got "
                    + pcm.length + " bytes: the stream is cut mid-sample or is not 16-bit audio");
        }
    }

    /** A sine of {@code hz} starting at phase 0, peak {@code amplitude0to1} × 32767; for tests and benchmarks. */
    public static byte[] tone(int sampleRate, double hz, int millis, double amplitude0to1) {
        if (!(amplitude0to1 >= 0 && amplitude0to1 <= 1)) {
            throw new IllegalArgumentException("amplitude must be within 0..1, got " + amplitude0to1);
        }
        if (!(hz >= 0) || Double.isInfinite(hz)) {
            throw new IllegalArgumentException("frequency must be a non-negative number, got " + hz);
        }
        byte[] le = silence(sampleRate, millis);
        double step = 2 * Math.PI * hz / sampleRate;
        for (int i = 0; i < le.length / 2; i++) {
            put(le, i, clamp(amplitude0to1 * Short.MAX_VALUE * Math.sin(step * i)));
        }
        return le;
    }

    static void put(byte[] le, int index, short sample) {
        le[2 * index] = (byte) sample;
        le[2 * index + 1] = (byte) (sample >> 8);
    }

    static void requirePositiveRate(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate + " Hz");
        }
    }
}
