package dev.voicebot.stt.recognizer.pocketsphinx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lends decoders one utterance at a time, so the pool bounds concurrent utterances, not calls: a
 * call holds a decoder only while its caller speaks. Grows up to {@code maximum} on demand; a
 * borrower waits when all are out.
 */
final class DecoderPool implements AutoCloseable {

    private final Supplier<UtteranceDecoder> factory;
    private final int maximum;
    private final Deque<UtteranceDecoder> idle = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private int created;
    private boolean closed;

    DecoderPool(Supplier<UtteranceDecoder> factory, int initial, int maximum) {
        if (maximum < 1 || initial < 0 || initial > maximum) {
            throw new IllegalArgumentException(
                    "decoder pool needs 0 <= initial <= maximum and maximum >= 1, got " + initial + " and " + maximum);
        }
        this.factory = factory;
        this.maximum = maximum;
        for (int i = 0; i < initial; i++) {
            idle.push(factory.get());
            created++;
        }
    }

    /** A decoder, or {@code null} when none came free within the timeout. */
    UtteranceDecoder borrow(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the pocketsphinx decoder pool is closed");
                }
                if (!idle.isEmpty()) {
                    return idle.pop();
                }
                if (created < maximum) {
                    created++;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                returned.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        try {
            return factory.get();
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
    }

    void release(UtteranceDecoder decoder) {
        lock.lock();
        try {
            if (closed) {
                decoder.close();
            } else {
                idle.push(decoder);
                returned.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a decoder that failed; its slot may be filled by a new one. */
    void discard(UtteranceDecoder decoder) {
        decoder.close();
        discard();
    }

    private void discard() {
        lock.lock();
        try {
            created--;
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    int created() {
        lock.lock();
        try {
            return created;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            idle.forEach(UtteranceDecoder::close);
            idle.clear();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
