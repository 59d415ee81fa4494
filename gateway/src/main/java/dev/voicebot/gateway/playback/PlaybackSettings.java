package dev.voicebot.gateway.playback;

import dev.voicebot.common.audio.AudioChunker;
import dev.voicebot.common.audio.Pcm16;

/**
 * How bot audio is cut and paced for Exotel.
 *
 * @param chunkMs audio per media message; Exotel wants at least 3.2 KB (200 ms at 8 kHz) per
 *     message, at most 100 KB, always a multiple of 320 bytes
 * @param leadMs how far the audio sent may run ahead of real-time playback; it bounds what a
 *     {@code clear} cannot take back, and is at least one chunk
 * @param endCallMarginMs how long past the expected end of playback an {@code EndCall} waits for
 *     the last mark's echo before closing anyway
 */
public record PlaybackSettings(int chunkMs, int leadMs, int endCallMarginMs) {

    /** Largest multiple of 320 bytes within Exotel's 100 KB per message. */
    static final int MAX_CHUNK_BYTES = 100_000 / AudioChunker.FRAME_BYTES * AudioChunker.FRAME_BYTES;

    public PlaybackSettings {
        if (chunkMs < 10 || leadMs < 0 || endCallMarginMs < 0) {
            throw new IllegalArgumentException(
                    "playback chunk-ms must be >= 10, lead-ms and end-call-margin-ms >= 0; got " + chunkMs + ", "
                            + leadMs + ", " + endCallMarginMs);
        }
    }

    /**
     * How long an end-call waits for a goodbye turn whose audio has not arrived yet: synthesis of a
     * short line takes well under a second even on a loaded embedded voice.
     */
    public long awaitGoodbyeNanos() {
        return 10_000_000_000L + endCallMarginMs * 1_000_000L;
    }

    public static PlaybackSettings defaults() {
        return new PlaybackSettings(200, 400, 2000);
    }

    /** Bytes per media message at this rate: {@code chunkMs} rounded to a multiple of 320 bytes. */
    public int chunkBytes(int sampleRate) {
        return Math.min(MAX_CHUNK_BYTES, AudioChunker.chunkBytesFor(sampleRate, chunkMs));
    }

    public long chunkNanos(int sampleRate) {
        return Math.round(Pcm16.millisOf(chunkBytes(sampleRate), sampleRate) * 1_000_000);
    }

    /** The lead actually used: never less than one chunk, or playback would stall between chunks. */
    public long leadNanos(int sampleRate) {
        return Math.max(leadMs * 1_000_000L, chunkNanos(sampleRate));
    }
}
