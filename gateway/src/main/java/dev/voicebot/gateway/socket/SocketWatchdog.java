package dev.voicebot.gateway.socket;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes sockets that outlive their {@link SocketLimits}: no {@code start}, silent, or past the
 * stream's maximum duration. One thread sweeps every open socket each tick; the limits are seconds
 * to minutes, so a tick of a second is precise enough.
 */
public final class SocketWatchdog implements AutoCloseable {

    /** Ends a socket that passed a limit. */
    public interface Expirer {
        void expire(CallConnection connection, SocketLimits.Expiry expiry);
    }

    private static final Logger log = LoggerFactory.getLogger(SocketWatchdog.class);

    private final OpenSockets sockets;
    private final SocketLimits limits;
    private final Expirer expirer;
    private final ScheduledExecutorService ticker;

    public SocketWatchdog(OpenSockets sockets, SocketLimits limits, Expirer expirer, Duration tick) {
        this.sockets = sockets;
        this.limits = limits;
        this.expirer = expirer;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-socket-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(
                () -> sweep(System.nanoTime()), tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    void sweep(long nowNanos) {
        sockets.forEach((connection, activity) -> {
            try {
                boolean started = connection.session().callSid() != null;
                SocketLimits.Expiry expiry =
                        limits.overdue(activity.openedNanos(), activity.lastInboundNanos(), started, nowNanos);
                if (expiry != null && activity.expire()) {
                    expirer.expire(connection, expiry);
                }
            } catch (RuntimeException e) {
                log.error("call {}: failed to check the socket's limits", connection.logId(), e);
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
