package dev.voicebot.stt.vad;

import dev.voicebot.common.audio.Pcm16;
import java.util.Random;

/** Non-speech sounds a phone line carries, for tests of the false barge-in guard. */
public final class NoiseBursts {

    private NoiseBursts() {}

    /**
     * A cough-like burst: broadband noise with a 10 ms attack and a decay of about a third of its
     * length, loud enough (peak RMS about 8000) to pass any energy threshold.
     */
    public static byte[] cough(int sampleRate, int millis, long seed) {
        Random random = new Random(seed);
        int count = sampleRate * millis / 1000;
        int attack = sampleRate / 100;
        double decay = count / 3.0;
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            double envelope = i < attack ? i / (double) attack : Math.exp(-(i - attack) / decay);
            samples[i] = Pcm16.clamp(random.nextGaussian() * 8000 * envelope);
        }
        return Pcm16.toBytes(samples);
    }
}
