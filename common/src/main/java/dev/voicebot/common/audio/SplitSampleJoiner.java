package dev.voicebot.common.audio;

/**
 * Reads little-endian 16-bit samples from pieces of a byte stream cut at arbitrary byte
 * boundaries: a trailing odd byte waits for the next piece to complete its sample.
 */
final class SplitSampleJoiner {

    private boolean hasPendingByte;
    private byte pendingByte;

    /** How many whole samples a piece of {@code byteCount} bytes completes. */
    int samplesAfter(int byteCount) {
        return (byteCount + (hasPendingByte ? 1 : 0)) / 2;
    }

    /** Decodes the samples {@code piece} completes into {@code dest} from {@code offset}; returns their count. */
    int decodeInto(byte[] piece, float[] dest, int offset) {
        if (piece.length == 0) {
            return 0;
        }
        int w = offset;
        int i = 0;
        if (hasPendingByte) {
            dest[w++] = (short) ((pendingByte & 0xff) | (piece[0] << 8));
            i = 1;
        }
        for (; i + 1 < piece.length; i += 2) {
            dest[w++] = (short) ((piece[i] & 0xff) | (piece[i + 1] << 8));
        }
        keepTrailingByte(piece, i);
        return w - offset;
    }

    /** The bytes of the samples {@code piece} completes, in order. */
    byte[] wholeSamples(byte[] piece) {
        if (piece.length == 0) {
            return piece.clone();
        }
        int prefix = hasPendingByte ? 1 : 0;
        byte[] out = new byte[samplesAfter(piece.length) * 2];
        if (hasPendingByte) {
            out[0] = pendingByte;
        }
        System.arraycopy(piece, 0, out, prefix, out.length - prefix);
        keepTrailingByte(piece, out.length - prefix);
        return out;
    }

    void reset() {
        hasPendingByte = false;
    }

    private void keepTrailingByte(byte[] piece, int consumed) {
        hasPendingByte = consumed < piece.length;
        if (hasPendingByte) {
            pendingByte = piece[consumed];
        }
    }
}
