package dev.voicebot.common.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Audio read from a WAV file, already converted to PCM16 little-endian mono.
 *
 * @param sampleRate samples per second
 * @param pcm PCM16 LE mono samples, an even number of bytes
 */
public record WavAudio(int sampleRate, byte[] pcm) {

    public WavAudio {
        Pcm16.requirePositiveRate(sampleRate);
        Pcm16.requireEvenLength(pcm);
    }

    public double durationMillis() {
        return Pcm16.millisOf(pcm.length, sampleRate);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WavAudio that && sampleRate == that.sampleRate && Arrays.equals(pcm, that.pcm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, Arrays.hashCode(pcm));
    }

    @Override
    public String toString() {
        return "WavAudio[sampleRate=" + sampleRate + ", bytes=" + pcm.length + "]";
    }
}
