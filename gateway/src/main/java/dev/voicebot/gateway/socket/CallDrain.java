package dev.voicebot.gateway.socket;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A stopping gateway's last duty to its calls. It is stopped first, before the web server and the
 * route reader: from then on new sockets are refused ({@link #admitsCalls()} false: the handshake
 * answers 503, so Exotel or a load balancer tries another gateway), while the calls already here go
 * on with their bot audio until they end by themselves. Calls still open after {@code drainTimeout}
 * are ended by the bot with the reason {@link #SHUTDOWN_REASON}; then shutdown proceeds.
 */
public final class CallDrain implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    public static final String SHUTDOWN_REASON = "gateway shutting down";

    private static final Logger log = LoggerFactory.getLogger(CallDrain.class);
    private static final long POLL_MILLIS = 100;
    /** Time for the sockets closed at the deadline to send their close frames and call.ended events. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final LiveCalls calls;
    private final Duration drainTimeout;
    private volatile boolean running;
    private volatile boolean admitting = true;

    public CallDrain(LiveCalls calls, Duration drainTimeout) {
        this.calls = calls;
        this.drainTimeout = drainTimeout;
    }

    /** Whether a new call socket may open. */
    public boolean admitsCalls() {
        return running && admitting;
    }

    /** Also a restart after {@link #stop()}: a lifecycle may be stopped and started again (a paused test context). */
    @Override
    public void start() {
        admitting = true;
        running = true;
    }

    /** Refuses from the moment shutdown begins, together with the readiness probe, before any lifecycle stops. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        admitting = false;
    }

    @Override
    public void stop() {
        admitting = false;
        running = false;
        if (calls.size() == 0) {
            return;
        }
        log.info(
                "stopping: new sockets refused; waiting up to {} s for {} call(s) to end",
                drainTimeout.toSeconds(),
                calls.size());
        try {
            if (!awaitNoCalls(drainTimeout)) {
                List<CallConnection> left = calls.all();
                log.info("ending {} call(s) still open after {} s", left.size(), drainTimeout.toSeconds());
                left.forEach(call -> call.endCall(SHUTDOWN_REASON, false));
                awaitNoCalls(CLOSE_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitNoCalls(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.size() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before everything else: the web server, the route reader and Kafka still serve the draining calls. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
