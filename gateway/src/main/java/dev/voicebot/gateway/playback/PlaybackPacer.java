package dev.voicebot.gateway.playback;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one clock that releases every call's due audio: a single thread ticking every few
 * milliseconds over the calls with something to play. Releasing only renders messages and queues
 * them on each call's socket sender, so a slow socket never holds the tick up.
 */
public final class PlaybackPacer implements AutoCloseable {

    /** A call whose playback the pacer drives. */
    public interface PacedCall {

        /** Releases whatever is due at {@code nowNanos}; must not block. */
        void pump(long nowNanos);

        /** The call's id for logs. */
        String logId();
    }

    private static final Logger log = LoggerFactory.getLogger(PlaybackPacer.class);

    private final Set<PacedCall> calls = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    public PlaybackPacer(Duration tick) {
        long tickNanos = tick.toNanos();
        if (tickNanos < 1_000_000) {
            throw new IllegalArgumentException("the playback tick is at least 1 ms, got " + tick);
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-playback-pacer");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    public void add(PacedCall call) {
        calls.add(call);
    }

    public void remove(PacedCall call) {
        calls.remove(call);
    }

    public int size() {
        return calls.size();
    }

    private void tick() {
        for (PacedCall call : calls) {
            try {
                call.pump(System.nanoTime());
            } catch (RuntimeException e) {
                log.error("call {}: playback failed", call.logId(), e);
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
