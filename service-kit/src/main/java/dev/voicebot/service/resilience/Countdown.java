package dev.voicebot.service.resilience;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One deadline at a time for one request to a provider: each {@link #restart} replaces the pending
 * one (the next byte is due again), {@link #stop} drops it. The expiry runs on the scheduler's
 * thread and must check itself whether the request already ended. Thread-safe.
 */
public final class Countdown {

    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pending;

    public Countdown(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public synchronized void restart(Duration delay, Runnable onExpiry) {
        stop();
        pending = scheduler.schedule(onExpiry, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
