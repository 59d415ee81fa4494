package dev.voicebot.simulator.connect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Exotel's Voice API limit: a number of requests in any 60-second window per account (200 by default,
 * shared/reference/exotel.md §3.8), counted over a sliding window. Thread-safe.
 */
final class RateLimiter {

    static final long WINDOW_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanoClock;
    private final Deque<Long> accepted = new ArrayDeque<>();

    RateLimiter(int perMinute, LongSupplier nanoClock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least one request a minute");
        }
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /** Counts a request; false when the window is already full (the request is then not counted). */
    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        while (!accepted.isEmpty() && now - accepted.peekFirst() >= WINDOW_NANOS) {
            accepted.pollFirst();
        }
        if (accepted.size() >= perMinute) {
            return false;
        }
        accepted.addLast(now);
        return true;
    }

    int perMinute() {
        return perMinute;
    }
}
