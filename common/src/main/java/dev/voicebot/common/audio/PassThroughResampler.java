package dev.voicebot.common.audio;

import java.util.Objects;

/** Equal rates: copies input through, still carrying a split sample across calls. */
final class PassThroughResampler implements Resampler {

    private final int rate;
    private final SplitSampleJoiner joiner = new SplitSampleJoiner();

    PassThroughResampler(int rate) {
        this.rate = rate;
    }

    @Override
    public int fromRate() {
        return rate;
    }

    @Override
    public int toRate() {
        return rate;
    }

    @Override
    public byte[] process(byte[] pcm) {
        Objects.requireNonNull(pcm, "pcm");
        return joiner.wholeSamples(pcm);
    }

    @Override
    public byte[] flush() {
        joiner.reset();
        return new byte[0];
    }

    @Override
    public void reset() {
        joiner.reset();
    }
}
