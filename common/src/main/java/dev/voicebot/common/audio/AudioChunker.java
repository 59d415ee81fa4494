package dev.voicebot.common.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Re-chunks a PCM16 stream into fixed-size chunks for Exotel, whose player needs every media
 * payload to be a multiple of 320 bytes (20 ms at 8 kHz); a shorter payload leaves a 20 ms gap.
 * Not thread-safe: one chunker per outbound stream.
 */
public final class AudioChunker {

    /** Exotel's payload granule: 20 ms at 8 kHz, 10 ms at 16 kHz. */
    public static final int FRAME_BYTES = 320;

    private final int chunkBytes;
    private final byte[] pending;
    private int pendingLength;

    public AudioChunker(int chunkBytes) {
        if (chunkBytes <= 0 || chunkBytes % FRAME_BYTES != 0) {
            throw new IllegalArgumentException(
                    "chunk size must be a positive multiple of " + FRAME_BYTES + " bytes, got " + chunkBytes);
        }
        this.chunkBytes = chunkBytes;
        this.pending = new byte[chunkBytes];
    }

    /** Chunk size nearest to {@code millis} of audio at {@code sampleRate}, rounded to a multiple of 320 (at least 320). */
    public static int chunkBytesFor(int sampleRate, int millis) {
        int exact = Pcm16.bytesFor(sampleRate, millis);
        long frames = Math.max(1, Math.round(exact / (double) FRAME_BYTES));
        return Math.toIntExact(frames * FRAME_BYTES);
    }

    /** Every full chunk now available, oldest first; the rest waits for the next push or {@link #flush()}. */
    public List<byte[]> push(byte[] pcm) {
        Objects.requireNonNull(pcm, "pcm");
        List<byte[]> chunks = new ArrayList<>((pendingLength + pcm.length) / chunkBytes);
        int offset = 0;
        if (pendingLength > 0) {
            int take = Math.min(chunkBytes - pendingLength, pcm.length);
            System.arraycopy(pcm, 0, pending, pendingLength, take);
            pendingLength += take;
            offset = take;
            if (pendingLength == chunkBytes) {
                chunks.add(pending.clone());
                pendingLength = 0;
            }
        }
        while (pcm.length - offset >= chunkBytes) {
            chunks.add(Arrays.copyOfRange(pcm, offset, offset + chunkBytes));
            offset += chunkBytes;
        }
        int rest = pcm.length - offset;
        System.arraycopy(pcm, offset, pending, pendingLength, rest);
        pendingLength += rest;
        return chunks;
    }

    /**
     * The pending bytes padded with silence up to the next multiple of 320, or an empty array when
     * nothing is pending. The chunker is empty afterwards.
     */
    public byte[] flush() {
        if (pendingLength == 0) {
            return new byte[0];
        }
        int padded = (pendingLength + FRAME_BYTES - 1) / FRAME_BYTES * FRAME_BYTES;
        byte[] last = new byte[padded];
        System.arraycopy(pending, 0, last, 0, pendingLength);
        pendingLength = 0;
        return last;
    }

    /** Drops pending bytes, e.g. when the caller barges in. */
    public void reset() {
        pendingLength = 0;
    }

    public int pendingBytes() {
        return pendingLength;
    }

    public int chunkBytes() {
        return chunkBytes;
    }
}
