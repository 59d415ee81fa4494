package dev.voicebot.dialer.rate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket, kept as its theoretical arrival time (the generic cell rate algorithm): {@code
 * ratePerMinute} tokens a minute, at most {@code burst} at once. With a burst of 1 requests are
 * spaced {@code 60 s / rate} apart, so no 60-second window ever holds more than {@code rate} of
 * them; a burst of b allows at most {@code rate + b - 1}.
 *
 * <p>A request that finds no token waits for its reserved slot, unless the wait would exceed its
 * limit or {@code queueLimit} requests are already waiting; then it is refused with the time until
 * a slot frees, and takes nothing from the bucket.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final long toleranceNanos;
    private final int queueLimit;
    private final LongSupplier nanoTime;
    private long theoreticalArrival;
    private int waiting;

    public RateLimiter(double ratePerMinute, int burst, int queueLimit, LongSupplier nanoTime) {
        if (!(ratePerMinute > 0) || burst < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("rate must be positive, burst at least 1, queue limit not negative");
        }
        this.intervalNanos = Math.max(1, Math.round(TimeUnit.MINUTES.toNanos(1) / ratePerMinute));
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.queueLimit = queueLimit;
        this.nanoTime = nanoTime;
        this.theoreticalArrival = nanoTime.getAsLong();
    }

    public RateLimiter(double ratePerMinute, int burst, int queueLimit) {
        this(ratePerMinute, burst, queueLimit, System::nanoTime);
    }

    /**
     * Takes a token, waiting up to {@code maxWait} for it.
     *
     * @throws RateLimitExceededException when the wait would be longer or the queue is full
     * @throws InterruptedException when interrupted while waiting (the slot is then lost)
     */
    public void acquire(Duration maxWait) throws InterruptedException {
        long wait = reserve(maxWait.toNanos());
        if (wait <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
        } finally {
            synchronized (this) {
                waiting--;
            }
        }
    }

    /**
     * Takes a token only if one is free now.
     *
     * @return zero when taken, otherwise the nanoseconds until one is (nothing is taken)
     */
    public synchronized long tryAcquire() {
        long now = nanoTime.getAsLong();
        long arrival = Math.max(theoreticalArrival, now);
        long wait = arrival - toleranceNanos - now;
        if (wait > 0) {
            return wait;
        }
        theoreticalArrival = arrival + intervalNanos;
        return 0;
    }

    /** Keeps every caller away for {@code delay}: used when the far side says it is overloaded. */
    public synchronized void holdOff(Duration delay) {
        long until = nanoTime.getAsLong() + delay.toNanos() + toleranceNanos;
        theoreticalArrival = Math.max(theoreticalArrival, until);
    }

    /** Requests currently waiting for their slot. */
    public synchronized int waiting() {
        return waiting;
    }

    private synchronized long reserve(long maxWaitNanos) {
        long now = nanoTime.getAsLong();
        long arrival = Math.max(theoreticalArrival, now);
        long wait = Math.max(0, arrival - toleranceNanos - now);
        if (wait > 0 && (wait > maxWaitNanos || waiting >= queueLimit)) {
            String why = waiting >= queueLimit
                    ? queueLimit + " requests are already waiting for the call rate"
                    : "the call rate would delay this request by "
                            + Duration.ofNanos(wait).toMillis() + " ms";
            throw new RateLimitExceededException(why, Duration.ofNanos(wait));
        }
        theoreticalArrival = arrival + intervalNanos;
        if (wait > 0) {
            waiting++;
        }
        return wait;
    }
}
