package dev.voicebot.tts.synth.deepgram;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes raw PCM through and removes a RIFF/WAVE header if the stream starts with one (Deepgram's
 * REST default container is WAV), without waiting for more than the header itself. Not
 * thread-safe: one per response.
 */
final class WavHeaderSkipper {

    private static final int MAX_HEADER = 4096;

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean passing;

    /** The audio bytes in {@code bytes[0..length)}, header removed; may be empty. */
    byte[] strip(byte[] bytes, int length) {
        if (passing) {
            return Arrays.copyOf(bytes, length);
        }
        head.write(bytes, 0, length);
        byte[] seen = head.toByteArray();
        if (seen.length < 12) {
            return new byte[0];
        }
        if (!ascii(seen, 0).equals("RIFF") || !ascii(seen, 8).equals("WAVE")) {
            return passAll(seen, 0);
        }
        int offset = 12;
        while (offset + 8 <= seen.length) {
            long size = (seen[offset + 4] & 0xffL)
                    | (seen[offset + 5] & 0xffL) << 8
                    | (seen[offset + 6] & 0xffL) << 16
                    | (seen[offset + 7] & 0xffL) << 24;
            if (ascii(seen, offset).equals("data")) {
                return passAll(seen, offset + 8);
            }
            offset += 8 + (int) Math.min(size + (size & 1), MAX_HEADER);
        }
        if (seen.length > MAX_HEADER) {
            return passAll(seen, seen.length); // no data chunk in a sane header: drop it and go on
        }
        return new byte[0];
    }

    private byte[] passAll(byte[] seen, int from) {
        passing = true;
        head.reset();
        return Arrays.copyOfRange(seen, Math.min(from, seen.length), seen.length);
    }

    private static String ascii(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.US_ASCII);
    }
}
