package dev.voicebot.gateway.playback;

import dev.voicebot.common.audio.AudioChunker;
import dev.voicebot.common.audio.Resampler;
import dev.voicebot.common.audio.Resamplers;
import dev.voicebot.common.kafka.AudioRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One call's outbound audio: re-chunked to fixed-size media messages, released against a playout
 * clock so that at most {@link PlaybackSettings#leadNanos} of audio is ahead of real time, each bot
 * turn closed by a {@code turn-<n>} mark. Time is {@link System#nanoTime()}, passed in.
 *
 * <p>Thread-safe. A caller that forwards {@link #due} items to a socket must do so while holding
 * this object's monitor, so that items of concurrent calls to {@code due} keep their order.
 */
public final class CallPlayback {

    /** What became of an audio record. */
    public enum Accepted {
        QUEUED,
        /** Its turn was cleared (barge-in) or the call is ending: discarded. */
        STALE
    }

    private record Queued(PlayItem item, long availableAtNanos) {}

    private final int sampleRate;
    private final int chunkBytes;
    private final long chunkNanos;
    private final long leadNanos;
    private final long endMarginNanos;
    private final AudioChunker chunker;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Set<String> awaitingEcho = new HashSet<>();

    private int chunkerTurn;
    private Resampler resampler;
    private int clearedThrough = Integer.MIN_VALUE;
    private long playoutEndNanos;
    private long framesReleased;
    private boolean endRequested;
    private boolean ended;
    private long endDeadlineNanos;
    /** The turn that must play before the end; audio of it may still arrive after the request. */
    private int endAfterTurn = Integer.MIN_VALUE;
    /** The newest turn whose last audio record was queued (its mark follows it). */
    private int lastFinishedTurn = Integer.MIN_VALUE;
    /** The newest turn any audio was queued for. */
    private int newestTurn = Integer.MIN_VALUE;

    /** Earliest time {@link #due} may release something; lets the pacer skip idle calls without locking. */
    private volatile long nextDueNanos = Long.MAX_VALUE;

    public CallPlayback(int sampleRate, PlaybackSettings settings, long nowNanos) {
        this.sampleRate = sampleRate;
        this.playoutEndNanos = nowNanos;
        this.chunkBytes = settings.chunkBytes(sampleRate);
        this.chunkNanos = settings.chunkNanos(sampleRate);
        this.leadNanos = settings.leadNanos(sampleRate);
        this.endMarginNanos = settings.endCallMarginMs() * 1_000_000L;
        this.chunker = new AudioChunker(chunkBytes);
    }

    /** Queues a piece of a bot turn; audio at another rate is resampled to the call's. */
    public synchronized Accepted enqueue(AudioRecord audio, long nowNanos) {
        if (audio.turn() <= clearedThrough || (endRequested && audio.turn() > endAfterTurn)) {
            return Accepted.STALE;
        }
        if (audio.turn() != chunkerTurn && (chunker.pendingBytes() > 0 || resampler != null)) {
            finishTurn(nowNanos, false);
        }
        chunkerTurn = audio.turn();
        newestTurn = Math.max(newestTurn, audio.turn());
        queueChunks(chunker.push(toCallRate(audio)), nowNanos);
        if (audio.last()) {
            finishTurn(nowNanos, true);
            lastFinishedTurn = Math.max(lastFinishedTurn, audio.turn());
        }
        if (endRequested) {
            extendEndDeadline(nowNanos);
        }
        updateNextDue();
        return Accepted.QUEUED;
    }

    /**
     * Barge-in: drops queued audio of turns up to {@code turn}, discards such audio arriving later,
     * and restarts the playout clock (Exotel's {@code clear} empties its buffer). The caller sends
     * {@code clear} when this returns {@code true}.
     *
     * @return whether bot audio was queued or may still be playing: a {@code clear} has something to stop
     */
    public synchronized boolean clear(int turn, long nowNanos) {
        boolean audible = audible(nowNanos);
        clearedThrough = Math.max(clearedThrough, turn);
        for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
            if (turnOf(it.next().item()) <= clearedThrough) {
                it.remove();
            }
        }
        if (chunkerTurn <= clearedThrough) {
            chunker.reset();
            resampler = null;
        }
        awaitingEcho.clear();
        playoutEndNanos = nowNanos;
        updateNextDue();
        return audible;
    }

    /**
     * The caller started speaking: clears every turn received so far, as {@link #clear} does, if
     * bot audio is queued or still playing and the call is not ending (the bot's last words, a
     * goodbye or a transfer notice, play out).
     *
     * @return whether the caller's {@code clear} must go out
     */
    public synchronized boolean bargeIn(long nowNanos) {
        if (endRequested || newestTurn == Integer.MIN_VALUE || !audible(nowNanos)) {
            return false;
        }
        return clear(newestTurn, nowNanos);
    }

    /**
     * Whether the bot is speaking: audio queued, or sent and not yet played out (by the playout
     * clock or a mark still to come back), or a turn begun whose last audio has not arrived (a
     * synthesis slower than real time leaves gaps inside a turn; the caller hears a pause, not the end).
     */
    private boolean audible(long nowNanos) {
        boolean turnUnfinished = newestTurn > lastFinishedTurn && newestTurn > clearedThrough;
        return turnUnfinished
                || playoutEndNanos > nowNanos
                || !awaitingEcho.isEmpty()
                || queue.stream().anyMatch(q -> q.item() instanceof PlayItem.Frame);
    }

    /**
     * Ends the call once what is queued has played: after the last mark's echo, or when the queued
     * audio's duration plus the margin has passed. An unfinished turn is closed with a mark first.
     */
    public synchronized void requestEnd(long nowNanos) {
        requestEnd(nowNanos, 0, 0);
    }

    /**
     * Like {@link #requestEnd(long)}, but when {@code afterTurn} is above 0 that turn must also have
     * played: its audio is still accepted, and the end waits for its mark's echo. If the turn's
     * audio has not all arrived, the deadline is {@code awaitNanos} from now, pushed back as audio
     * arrives.
     */
    public synchronized void requestEnd(long nowNanos, int afterTurn, long awaitNanos) {
        if (endRequested) {
            return;
        }
        boolean turnStillComing = afterTurn > 0 && afterTurn > lastFinishedTurn && afterTurn > clearedThrough;
        boolean unfinishedTurn = chunker.pendingBytes() > 0 || resampler != null;
        if (unfinishedTurn && !(turnStillComing && chunkerTurn == afterTurn)) {
            finishTurn(nowNanos, true);
        }
        endRequested = true;
        if (turnStillComing) {
            endAfterTurn = afterTurn;
        }
        extendEndDeadline(nowNanos);
        if (turnStillComing) {
            endDeadlineNanos = Math.max(endDeadlineNanos, nowNanos + awaitNanos);
        }
        updateNextDue();
    }

    private void extendEndDeadline(long nowNanos) {
        long queuedFrames =
                queue.stream().filter(q -> q.item() instanceof PlayItem.Frame).count();
        endDeadlineNanos = Math.max(
                endDeadlineNanos, Math.max(nowNanos, playoutEndNanos) + queuedFrames * chunkNanos + endMarginNanos);
    }

    /** Exotel echoed a mark: the audio before it has played. */
    public synchronized void markEchoed(String name) {
        awaitingEcho.remove(name);
        updateNextDue();
    }

    /** Everything due at {@code nowNanos}, in sending order. */
    public synchronized List<PlayItem> due(long nowNanos) {
        if (ended) {
            return List.of();
        }
        List<PlayItem> due = new ArrayList<>(2);
        while (!queue.isEmpty()) {
            Queued head = queue.peek();
            if (head.item() instanceof PlayItem.Mark mark) {
                queue.poll();
                awaitingEcho.add(mark.name());
                due.add(mark);
                continue;
            }
            long dueAt = Math.max(head.availableAtNanos(), playoutEndNanos + chunkNanos - leadNanos);
            if (nowNanos < dueAt) {
                break;
            }
            queue.poll();
            PlayItem.Frame frame = (PlayItem.Frame) head.item();
            playoutEndNanos = Math.max(playoutEndNanos, nowNanos) + chunkNanos;
            due.add(new PlayItem.Frame(frame.pcm(), frame.turn(), dueAt, chunkNanos, framesReleased++));
        }
        if (endRequested && (playedOut() || nowNanos >= endDeadlineNanos)) {
            ended = true;
            due.add(new PlayItem.End());
        }
        updateNextDue();
        return due;
    }

    /** Audio queued and not yet released (its marks counted as chunks: a bound, not a measure). */
    public synchronized long queuedNanos() {
        return queue.size() * chunkNanos;
    }

    /** Whether {@link #due} could release anything at {@code nowNanos}; cheap and lock-free. */
    public boolean mayBeDue(long nowNanos) {
        return nowNanos >= nextDueNanos;
    }

    public int chunkBytes() {
        return chunkBytes;
    }

    public int sampleRate() {
        return sampleRate;
    }

    private void updateNextDue() {
        long next = Long.MAX_VALUE;
        Queued head = queue.peek();
        if (ended) {
            next = Long.MAX_VALUE;
        } else if (head != null && head.item() instanceof PlayItem.Mark) {
            next = Long.MIN_VALUE;
        } else if (head != null) {
            next = Math.max(head.availableAtNanos(), playoutEndNanos + chunkNanos - leadNanos);
        }
        if (endRequested && !ended) {
            next = Math.min(next, playedOut() ? Long.MIN_VALUE : endDeadlineNanos);
        }
        nextDueNanos = next;
    }

    private boolean playedOut() {
        return queue.isEmpty() && awaitingEcho.isEmpty() && lastFinishedTurn >= endAfterTurn;
    }

    private byte[] toCallRate(AudioRecord audio) {
        if (audio.sampleRate() == sampleRate && resampler == null) {
            return audio.pcm();
        }
        if (resampler == null || resampler.fromRate() != audio.sampleRate()) {
            byte[] tail = resampler == null ? new byte[0] : resampler.flush();
            resampler = Resamplers.create(audio.sampleRate(), sampleRate);
            return concat(tail, resampler.process(audio.pcm()));
        }
        return resampler.process(audio.pcm());
    }

    /** Queues the turn's remaining audio, padded with silence to a full chunk, and its mark. */
    private void finishTurn(long nowNanos, boolean withMark) {
        if (resampler != null) {
            queueChunks(chunker.push(resampler.flush()), nowNanos);
            resampler = null;
        }
        byte[] rest = chunker.flush();
        if (rest.length > 0) {
            queueChunks(List.of(Arrays.copyOf(rest, chunkBytes)), nowNanos);
        }
        if (withMark) {
            queue.add(new Queued(new PlayItem.Mark(TurnMarks.name(chunkerTurn), chunkerTurn), nowNanos));
        }
    }

    private void queueChunks(List<byte[]> chunks, long nowNanos) {
        for (byte[] chunk : chunks) {
            queue.add(new Queued(new PlayItem.Frame(chunk, chunkerTurn, 0, chunkNanos, -1), nowNanos));
        }
    }

    private static int turnOf(PlayItem item) {
        return switch (item) {
            case PlayItem.Frame frame -> frame.turn();
            case PlayItem.Mark mark -> mark.turn();
            case PlayItem.End end -> Integer.MAX_VALUE;
        };
    }

    private static byte[] concat(byte[] first, byte[] second) {
        if (first.length == 0) {
            return second;
        }
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
