package dev.voicebot.tts.worker;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a synthesizer's audio into Kafka records of a sensible size: a record goes out as soon as
 * {@code minBytes} are pending (small records for a fast first audio), none is larger than {@code
 * maxBytes}. Records are whole samples and not padded: the gateway re-chunks a turn's audio for
 * Exotel, carrying remainders across records. Not thread-safe.
 */
final class RecordBatcher {

    private final int minBytes;
    private final int maxBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    RecordBatcher(int minBytes, int maxBytes) {
        if (minBytes < 2 || maxBytes < minBytes || minBytes % 2 != 0 || maxBytes % 2 != 0) {
            throw new IllegalArgumentException(
                    "record sizes must be even and 2 <= min <= max: " + minBytes + ", " + maxBytes);
        }
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    static RecordBatcher forRate(int sampleRate, int minMillis, int maxMillis) {
        return new RecordBatcher(evenBytes(sampleRate, minMillis), evenBytes(sampleRate, maxMillis));
    }

    /** The records ready after adding {@code pcm}. */
    List<byte[]> add(byte[] pcm) {
        pending.writeBytes(pcm);
        if (pending.size() < minBytes) {
            return List.of();
        }
        byte[] all = pending.toByteArray();
        pending.reset();
        int whole = all.length - all.length % 2;
        List<byte[]> records = new ArrayList<>(whole / maxBytes + 1);
        for (int offset = 0; offset < whole; offset += maxBytes) {
            int end = Math.min(whole, offset + maxBytes);
            byte[] record = new byte[end - offset];
            System.arraycopy(all, offset, record, 0, record.length);
            records.add(record);
        }
        pending.write(all, whole, all.length - whole);
        return records;
    }

    /** What is pending, whole samples only, possibly empty; the batcher is empty afterwards. */
    byte[] drain() {
        byte[] all = pending.toByteArray();
        pending.reset();
        if (all.length % 2 == 0) {
            return all;
        }
        byte[] whole = new byte[all.length - 1];
        System.arraycopy(all, 0, whole, 0, whole.length);
        return whole;
    }

    void discard() {
        pending.reset();
    }

    private static int evenBytes(int sampleRate, int millis) {
        return Math.max(2, (int) ((long) sampleRate * millis / 1000) * 2);
    }
}
