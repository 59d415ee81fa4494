package dev.voicebot.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The caller's side of the line: queued utterances cut into fixed-size chunks, silence when nothing is queued (a
 * phone line never stops sending). Not thread-safe; the call guards it.
 */
final class Uplink {

    /** Where an utterance's speech starts or ends inside a chunk. */
    record SpeechEdge(boolean start, String label, int offsetInChunk) {}

    record Chunk(byte[] pcm, List<SpeechEdge> edges) {}

    private final int chunkBytes;
    private final Deque<Utterance> queue = new ArrayDeque<>();
    private int cursor;

    Uplink(int chunkBytes) {
        if (chunkBytes <= 0 || chunkBytes % 2 != 0) {
            throw new IllegalArgumentException("chunk size must be a positive even number of bytes");
        }
        this.chunkBytes = chunkBytes;
    }

    void enqueue(Utterance utterance) {
        if (utterance.pcm().length > 0) {
            queue.addLast(utterance);
        }
    }

    boolean hasQueuedAudio() {
        return !queue.isEmpty();
    }

    /** Drops everything not yet sent. */
    void clear() {
        queue.clear();
        cursor = 0;
    }

    Chunk next() {
        byte[] pcm = new byte[chunkBytes];
        List<SpeechEdge> edges = new ArrayList<>(2);
        int filled = 0;
        while (filled < chunkBytes && !queue.isEmpty()) {
            Utterance head = queue.peekFirst();
            int n = Math.min(chunkBytes - filled, head.pcm().length - cursor);
            System.arraycopy(head.pcm(), cursor, pcm, filled, n);
            if (head.hasSpeech()) {
                if (head.speechStart() >= cursor && head.speechStart() < cursor + n) {
                    edges.add(new SpeechEdge(true, head.label(), filled + head.speechStart() - cursor));
                }
                if (head.speechEnd() > cursor && head.speechEnd() <= cursor + n) {
                    edges.add(new SpeechEdge(false, head.label(), filled + head.speechEnd() - cursor));
                }
            }
            filled += n;
            cursor += n;
            if (cursor == head.pcm().length) {
                queue.pollFirst();
                cursor = 0;
            }
        }
        return new Chunk(pcm, edges);
    }
}
