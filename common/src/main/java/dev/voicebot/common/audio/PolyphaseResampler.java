package dev.voicebot.common.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Rational resampler by up/down with one polyphase FIR. Output sample m sits at input time
 * m × down / up; it is the dot product of one phase of the filter with the latest
 * {@code tapsPerPhase} input samples. Input before the stream start reads as silence.
 */
final class PolyphaseResampler implements Resampler {

    private static final byte[] EMPTY = new byte[0];

    private final int fromRate;
    private final int toRate;
    private final PolyphaseFilter filter;
    private final int taps;
    private final SplitSampleJoiner joiner = new SplitSampleJoiner();

    /** Input history: index {@code pos} is the newest sample the next output needs. */
    private float[] buffer;

    private int filled;
    private int pos;
    private int phase;
    /** Samples fed since the stream start (flush padding excluded). */
    private long inputSamples;
    /** Samples in the stream so far including flush padding. */
    private long streamSamples;

    private long outputSamples;

    PolyphaseResampler(int fromRate, int toRate, PolyphaseFilter filter) {
        this.fromRate = fromRate;
        this.toRate = toRate;
        this.filter = filter;
        this.taps = filter.tapsPerPhase;
        this.buffer = new float[taps + 4096];
        reset();
    }

    @Override
    public int fromRate() {
        return fromRate;
    }

    @Override
    public int toRate() {
        return toRate;
    }

    @Override
    public byte[] process(byte[] pcm) {
        Objects.requireNonNull(pcm, "pcm");
        int samples = joiner.samplesAfter(pcm.length);
        ensureCapacity(filled + samples);
        filled += joiner.decodeInto(pcm, buffer, filled);
        inputSamples += samples;
        streamSamples += samples;
        return produce(availableOutputs() - outputSamples);
    }

    @Override
    public byte[] flush() {
        long total = (inputSamples * filter.up + filter.down - 1) / filter.down;
        byte[] tail = EMPTY;
        if (total > outputSamples) {
            long lastInputNeeded = ((total - 1) * filter.down + filter.delay) / filter.up;
            int padding = (int) Math.max(0, lastInputNeeded + 1 - streamSamples);
            ensureCapacity(filled + padding);
            Arrays.fill(buffer, filled, filled + padding, 0f);
            filled += padding;
            streamSamples += padding;
            tail = produce(total - outputSamples);
        }
        reset();
        return tail;
    }

    @Override
    public void reset() {
        Arrays.fill(buffer, 0, taps - 1, 0f);
        filled = taps - 1;
        pos = taps - 1 + filter.delay / filter.up;
        phase = filter.delay % filter.up;
        inputSamples = 0;
        streamSamples = 0;
        outputSamples = 0;
        joiner.reset();
    }

    /** Outputs m whose newest input floor((delay + m × down) / up) has arrived, counted from the stream start. */
    private long availableOutputs() {
        long lastTime = streamSamples * filter.up - 1 - filter.delay;
        return lastTime < 0 ? 0 : lastTime / filter.down + 1;
    }

    private byte[] produce(long count) {
        if (count <= 0) {
            return EMPTY;
        }
        byte[] out = new byte[Math.toIntExact(count * 2)];
        float[][] phases = filter.phases;
        int[] nextPhase = filter.nextPhase;
        int[] advance = filter.advance;
        for (int m = 0; m < count; m++) {
            Pcm16.put(out, m, Pcm16.clamp(dot(phases[phase], buffer, pos - taps + 1)));
            pos += advance[phase];
            phase = nextPhase[phase];
        }
        outputSamples += count;
        discardConsumedHistory();
        return out;
    }

    /** Eight partial sums let the CPU overlap the multiply-adds. */
    private static float dot(float[] taps, float[] x, int start) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float a4 = 0;
        float a5 = 0;
        float a6 = 0;
        float a7 = 0;
        int n = taps.length;
        int j = 0;
        for (; j + 7 < n; j += 8) {
            int k = start + j;
            a0 += taps[j] * x[k];
            a1 += taps[j + 1] * x[k + 1];
            a2 += taps[j + 2] * x[k + 2];
            a3 += taps[j + 3] * x[k + 3];
            a4 += taps[j + 4] * x[k + 4];
            a5 += taps[j + 5] * x[k + 5];
            a6 += taps[j + 6] * x[k + 6];
            a7 += taps[j + 7] * x[k + 7];
        }
        for (; j < n; j++) {
            a0 += taps[j] * x[start + j];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    private void discardConsumedHistory() {
        int drop = Math.min(pos - (taps - 1), filled);
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, filled - drop);
            filled -= drop;
            pos -= drop;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
