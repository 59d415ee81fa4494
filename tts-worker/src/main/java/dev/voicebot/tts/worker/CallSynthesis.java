package dev.voicebot.tts.worker;

import dev.voicebot.tts.worker.TurnLedger.Ending;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call's synthesis state: its queue of segments (spoken strictly one after another, so audio
 * stays in order), the segment being spoken, and its turns. Every method takes the call's lock
 * briefly and never calls a synthesizer while holding it.
 *
 * <p>Audio is published under the lock after checking that its turn is still open, and a turn is
 * cancelled under the same lock: once {@link #cancelTurn} returns, no audio of that turn is
 * published any more.
 */
final class CallSynthesis {

    private final String callSid;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<SegmentOrder> pending = new ArrayDeque<>();
    private final TurnLedger turns = new TurnLedger();
    private SegmentJob running;
    private long lastActivityNanos = System.nanoTime();

    CallSynthesis(String callSid) {
        this.callSid = callSid;
    }

    String callSid() {
        return callSid;
    }

    /** Whether a segment is being spoken or waiting. */
    boolean busy() {
        lock.lock();
        try {
            return running != null || !pending.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Queues a segment; {@code null} when queued, otherwise how its turn ended (it is dropped). */
    Ending enqueue(SegmentOrder order) {
        lock.lock();
        try {
            lastActivityNanos = System.nanoTime();
            Ending ending = turns.ending(order.turn());
            if (ending == null) {
                pending.add(order);
            }
            return ending;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next segment to speak, unless one is being spoken or none is waiting. */
    SegmentJob startNext(SegmentJob.Factory jobs) {
        lock.lock();
        try {
            if (running != null || pending.isEmpty()) {
                return null;
            }
            running = jobs.create(this, pending.poll());
            return running;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the turn: its waiting segments are dropped and its audio is refused from now on.
     *
     * @return the running job if it belongs to the turn; the caller cancels it, outside any lock
     */
    SegmentJob cancelTurn(int turn, List<SegmentOrder> dropped) {
        lock.lock();
        try {
            lastActivityNanos = System.nanoTime();
            turns.end(turn, Ending.CANCELLED);
            pending.removeIf(order -> {
                boolean ofTurn = order.turn() == turn;
                if (ofTurn) {
                    dropped.add(order);
                }
                return ofTurn;
            });
            return running != null && running.turn() == turn ? running : null;
        } finally {
            lock.unlock();
        }
    }

    boolean isOpen(int turn) {
        lock.lock();
        try {
            return turns.ending(turn) == null;
        } finally {
            lock.unlock();
        }
    }

    /** Publishes a piece of the job's audio if its turn is still open; false when it was refused. */
    boolean publish(SegmentJob job, AudioPublisher publisher, byte[] pcm, boolean last) {
        lock.lock();
        try {
            SegmentOrder order = job.order();
            if (turns.ending(order.turn()) != null) {
                return false;
            }
            publisher.publishAudio(order, turns.takeSequence(order.turn()), pcm, last);
            if (last) {
                turns.end(order.turn(), Ending.FINISHED);
            }
            lastActivityNanos = System.nanoTime();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The job is over. A failure ends its turn: an empty record with {@code last} closes the turn
     * for the gateway, and later segments of the turn are dropped, since speaking the rest of a
     * reply with a hole in it would confuse the caller.
     *
     * @return the segments dropped because the turn failed
     */
    List<SegmentOrder> finished(SegmentJob job, boolean failed, AudioPublisher publisher) {
        lock.lock();
        try {
            if (running == job) {
                running = null;
            }
            lastActivityNanos = System.nanoTime();
            List<SegmentOrder> dropped = new ArrayList<>();
            if (failed) {
                int turn = job.turn();
                if (turns.ending(turn) == null) {
                    publisher.publishAudio(job.order(), turns.takeSequence(turn), new byte[0], true);
                }
                turns.end(turn, Ending.FAILED);
                pending.removeIf(order -> {
                    boolean ofTurn = order.turn() == turn;
                    if (ofTurn) {
                        dropped.add(order);
                    }
                    return ofTurn;
                });
            }
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Turns with audio published but not finished, e.g. to end their provider contexts on eviction. */
    List<Integer> openTurns() {
        lock.lock();
        try {
            List<Integer> open = new ArrayList<>();
            turns.openTurns().forEach(open::add);
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Idle: nothing running or waiting, and no activity for {@code idleNanos}. */
    boolean idleFor(long idleNanos, long nowNanos) {
        lock.lock();
        try {
            return running == null && pending.isEmpty() && nowNanos - lastActivityNanos > idleNanos;
        } finally {
            lock.unlock();
        }
    }
}
