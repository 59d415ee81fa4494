package dev.voicebot.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Exotel's playback of bot audio against a real-time clock. Audio and marks queue in arrival order; the playhead
 * moves with wall-clock time while audio is queued and jumps to "now" when the queue is dry (the caller hears
 * silence). A mark is reached, and echoed, once all audio queued before it has played. {@code clear} drops audio
 * that has not played yet. Positions are in samples since the socket opened. Not thread-safe; the call guards it.
 */
final class Playout {

    /** What the playout reports as it goes; called with the call's lock held. */
    interface Listener {
        void botTurnStarted(long atSample);

        /** Audio ran out mid-turn at {@code dryAtSample} and resumed at {@code resumedAtSample}. */
        void underrun(long dryAtSample, long resumedAtSample);

        /** A mark became due: its audio has played, or a clear released it. */
        void markReached(String name, long atSample, boolean releasedByClear);

        void botTurnEnded(long atSample, String why);
    }

    /** What a {@code clear} removed. */
    record Cleared(long droppedBytes, int droppedMarks, int releasedMarks) {}

    private final CallRecording recording;
    private final long underrunToleranceSamples;
    private final boolean echoMarksOnClear;
    private final Listener listener;
    private final Deque<Item> queue = new ArrayDeque<>();
    private long playhead;
    private long queuedBytes;
    private long playedBytes;
    private long lastAudioEnd = -1;
    private boolean turnActive;
    private long dryAt = -1;

    Playout(CallRecording recording, long underrunToleranceSamples, boolean echoMarksOnClear, Listener listener) {
        this.recording = recording;
        this.underrunToleranceSamples = underrunToleranceSamples;
        this.echoMarksOnClear = echoMarksOnClear;
        this.listener = listener;
    }

    /** Plays everything due up to {@code now}. */
    void advance(long now) {
        while (true) {
            Item head = queue.peekFirst();
            if (head == null) {
                if (playhead < now) {
                    if (turnActive && dryAt < 0) {
                        dryAt = playhead;
                    }
                    playhead = now;
                }
                return;
            }
            if (head.mark != null) {
                queue.pollFirst();
                listener.markReached(head.mark, playhead, false);
                if (queue.isEmpty()) {
                    endTurn(playhead, "mark " + head.mark);
                }
                continue;
            }
            if (playhead >= now) {
                return;
            }
            int samples = (int) Math.min((head.pcm.length - head.offset) / 2, now - playhead);
            recording.bot(playhead, head.pcm, head.offset, samples * 2);
            head.offset += samples * 2;
            playhead += samples;
            queuedBytes -= samples * 2L;
            playedBytes += samples * 2L;
            lastAudioEnd = playhead;
            if (head.offset >= head.pcm.length) {
                queue.pollFirst();
            }
        }
    }

    /** Queues bot audio that arrived at {@code now}; an odd trailing byte cannot be played and is ignored. */
    void media(byte[] pcm, long now) {
        advance(now);
        if (!turnActive) {
            turnActive = true;
            listener.botTurnStarted(now);
        } else if (queue.isEmpty() && dryAt >= 0 && now - dryAt > underrunToleranceSamples) {
            listener.underrun(dryAt, now);
        }
        dryAt = -1;
        int playable = pcm.length & ~1;
        if (playable > 0) {
            queue.addLast(Item.audio(pcm, playable));
            queuedBytes += playable;
        }
    }

    void mark(String name, long now) {
        advance(now);
        queue.addLast(Item.mark(name));
        advance(now);
    }

    Cleared clear(long now) {
        advance(now);
        long dropped = queuedBytes;
        int droppedMarks = 0;
        int released = 0;
        for (Item item : queue) {
            if (item.mark == null) {
                continue;
            }
            if (echoMarksOnClear) {
                listener.markReached(item.mark, now, true);
                released++;
            } else {
                droppedMarks++;
            }
        }
        queue.clear();
        queuedBytes = 0;
        turnActive = false;
        dryAt = -1;
        return new Cleared(dropped, droppedMarks, released);
    }

    /** The caller started talking: a bot turn whose audio has run out is over, even without a mark. */
    void callerSpeechStarted(long now) {
        advance(now);
        if (turnActive && queue.isEmpty()) {
            endTurn(dryAt >= 0 ? dryAt : now, "caller spoke");
        }
    }

    boolean drained() {
        return queue.isEmpty();
    }

    /** Where the last bot audio finished playing, or -1 before any played. */
    long lastAudioEnd() {
        return lastAudioEnd;
    }

    long playedBytes() {
        return playedBytes;
    }

    private void endTurn(long at, String why) {
        if (turnActive) {
            turnActive = false;
            dryAt = -1;
            listener.botTurnEnded(at, why);
        }
    }

    private static final class Item {
        final byte[] pcm;
        final String mark;
        int offset;

        private Item(byte[] pcm, String mark) {
            this.pcm = pcm;
            this.mark = mark;
        }

        static Item audio(byte[] pcm, int playable) {
            return new Item(playable == pcm.length ? pcm : Arrays.copyOf(pcm, playable), null);
        }

        static Item mark(String name) {
            return new Item(null, name);
        }
    }
}
