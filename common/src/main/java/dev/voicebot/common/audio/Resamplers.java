package dev.voicebot.common.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates resamplers for PCM16 mono. Any pair of the telephone and engine rates (8000, 16000,
 * 24000, 48000 Hz) works, as do other rates whose ratio is simple (22050, 44100, …). Filters are
 * designed once per rate pair and shared; each resampler holds only its own history.
 */
public final class Resamplers {

    static final int MAX_RATE = 768_000;

    private static final Map<Long, PolyphaseFilter> FILTERS = new ConcurrentHashMap<>();

    private Resamplers() {}

    /** A streaming resampler; identity (a copy) when the rates are equal. */
    public static Resampler create(int fromRate, int toRate) {
        requireRate(fromRate, "from");
        requireRate(toRate, "to");
        if (fromRate == toRate) {
            return new PassThroughResampler(fromRate);
        }
        long key = ((long) fromRate << 32) | toRate;
        PolyphaseFilter filter = FILTERS.computeIfAbsent(key, k -> PolyphaseFilter.design(fromRate, toRate));
        return new PolyphaseResampler(fromRate, toRate, filter);
    }

    /** Resamples a whole clip: ⌈samples × to / from⌉ output samples, aligned with the input. */
    public static byte[] resample(byte[] pcm, int fromRate, int toRate) {
        Pcm16.requireEvenLength(pcm);
        Resampler resampler = create(fromRate, toRate);
        byte[] body = resampler.process(pcm);
        byte[] tail = resampler.flush();
        if (tail.length == 0) {
            return body;
        }
        byte[] all = new byte[body.length + tail.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(tail, 0, all, body.length, tail.length);
        return all;
    }

    private static void requireRate(int rate, String which) {
        if (rate <= 0 || rate > MAX_RATE) {
            throw new IllegalArgumentException(
                    which + " sample rate must be within 1.." + MAX_RATE + " Hz, got " + rate + " Hz");
        }
    }
}
