package dev.voicebot.gateway.call;

import dev.voicebot.gateway.exotel.ExotelInbound;
import java.util.Set;

/**
 * Picks a call's sample rate as Exotel does: the URL's {@code sample-rate}, else {@code
 * start.media_format.sample_rate}, else 8000 Hz. Exotel streams only 8, 16 or 24 kHz.
 */
public final class SampleRates {

    public static final int DEFAULT = 8000;
    public static final Set<Integer> SUPPORTED = Set.of(8000, 16000, 24000);

    private SampleRates() {}

    /** The chosen rate, or why there is none. */
    public record Choice(int rate, String error) {

        public boolean supported() {
            return error == null;
        }
    }

    public static Choice choose(String urlSampleRate, ExotelInbound.MediaFormat mediaFormat) {
        if (urlSampleRate != null) {
            String digits = urlSampleRate.strip().replaceFirst("(?i)hz$", "").strip();
            if (!digits.matches("\\d{1,9}")) {
                return unsupported("sample-rate '" + abbreviate(urlSampleRate) + "' in the URL is not a number");
            }
            return check(Integer.parseInt(digits), "URL sample-rate");
        }
        if (mediaFormat != null && mediaFormat.sampleRate() > 0) {
            return check(mediaFormat.sampleRate(), "start.media_format.sample_rate");
        }
        return new Choice(DEFAULT, null);
    }

    private static Choice check(int rate, String source) {
        if (SUPPORTED.contains(rate)) {
            return new Choice(rate, null);
        }
        return unsupported(source + " " + rate + " Hz is not supported; use 8000, 16000 or 24000");
    }

    private static Choice unsupported(String error) {
        return new Choice(-1, error);
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
