package dev.voicebot.stt.call;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Maps offsets in the audio given to a recognizer back to offsets in the call. Only speech (plus
 * pre-roll) reaches the recognizer, so its stream is the call's audio with the silences cut out;
 * each cut starts a new segment. Thread-safe: providers report offsets from their own threads.
 */
final class OffsetMap {

    /** Results refer to recent audio; older segments are forgotten. */
    private static final int MAX_SEGMENTS = 64;

    private final Deque<long[]> segments = new ArrayDeque<>();

    /** Audio pushed to the recognizer from {@code recognizerMs} on was call audio from {@code callMs} on. */
    synchronized void mark(long recognizerMs, long callMs) {
        long[] last = segments.peekLast();
        if (last != null && last[0] == recognizerMs) {
            segments.pollLast();
        }
        segments.addLast(new long[] {recognizerMs, callMs});
        if (segments.size() > MAX_SEGMENTS) {
            segments.pollFirst();
        }
    }

    /** The call offset of a recognizer offset (the offset itself when nothing was marked). */
    synchronized long toCall(long recognizerMs) {
        var it = segments.descendingIterator();
        while (it.hasNext()) {
            long[] segment = it.next();
            if (segment[0] <= recognizerMs) {
                return segment[1] + (recognizerMs - segment[0]);
            }
        }
        long[] first = segments.peekFirst();
        return first == null ? recognizerMs : first[1];
    }

    /** Forgets every segment, e.g. when a new recognition session starts from 0. */
    synchronized void clear() {
        segments.clear();
    }
}
