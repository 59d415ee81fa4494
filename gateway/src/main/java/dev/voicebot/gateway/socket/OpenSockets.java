package dev.voicebot.gateway.socket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The sockets this gateway holds, up to a cap, with when each opened and last sent something. A
 * socket counts from the moment it is accepted until it closes, whether or not its call started.
 */
public final class OpenSockets {

    /** One socket's clock, in {@link System#nanoTime()}. */
    static final class Activity {

        private final long openedNanos;
        private volatile long lastInboundNanos;
        private final AtomicBoolean expired = new AtomicBoolean();

        Activity(long openedNanos) {
            this.openedNanos = openedNanos;
            this.lastInboundNanos = openedNanos;
        }

        long openedNanos() {
            return openedNanos;
        }

        long lastInboundNanos() {
            return lastInboundNanos;
        }

        /** Whether this call is the first to find the socket expired; later ones do nothing. */
        boolean expire() {
            return expired.compareAndSet(false, true);
        }
    }

    private final int maxSockets;
    private final ConcurrentMap<CallConnection, Activity> sockets = new ConcurrentHashMap<>();

    public OpenSockets(int maxSockets) {
        this.maxSockets = maxSockets;
    }

    /** Whether a new socket would be refused; checked at the handshake, where a 503 is still possible. */
    public boolean atCapacity() {
        return sockets.size() >= maxSockets;
    }

    /**
     * Counts an accepted socket. Handshakes racing past {@link #atCapacity} can overshoot the cap;
     * this is the exact check.
     *
     * @return {@code false} when the cap is reached and the socket was not counted
     */
    synchronized boolean add(CallConnection connection, long nowNanos) {
        if (sockets.size() >= maxSockets) {
            return false;
        }
        sockets.put(connection, new Activity(nowNanos));
        return true;
    }

    void remove(CallConnection connection) {
        sockets.remove(connection);
    }

    /** The socket sent a message. */
    void inbound(CallConnection connection, long nowNanos) {
        Activity activity = sockets.get(connection);
        if (activity != null) {
            activity.lastInboundNanos = nowNanos;
        }
    }

    void forEach(BiConsumer<CallConnection, Activity> action) {
        for (Map.Entry<CallConnection, Activity> entry : sockets.entrySet()) {
            action.accept(entry.getKey(), entry.getValue());
        }
    }

    public int size() {
        return sockets.size();
    }
}
