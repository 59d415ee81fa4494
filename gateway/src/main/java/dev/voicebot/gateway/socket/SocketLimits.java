package dev.voicebot.gateway.socket;

import java.time.Duration;
import java.util.Locale;

/**
 * How many sockets a gateway holds and how long each may live. Exotel connects from a few
 * addresses, so the cap counts all sockets, never sockets per address.
 *
 * @param maxSockets sockets held at once; the next handshake gets 503
 * @param startTimeout a socket that sent no {@code start} by then is closed (Exotel sends it at once)
 * @param idleTimeout a started call that sent nothing for this long is closed (Exotel streams
 *     media about every 100 ms, silence included)
 * @param maxStreamDuration the longest a socket lives (Exotel ends a stream at 60 minutes)
 * @param maxQueuedPlayback bot audio a call may hold waiting to be played; audio arriving beyond it
 *     is dropped (a call can exceed it by one route record at most, which Kafka caps at 1 MB)
 */
public record SocketLimits(
        int maxSockets,
        Duration startTimeout,
        Duration idleTimeout,
        Duration maxStreamDuration,
        Duration maxQueuedPlayback) {

    /** Why a socket outlived its limits. */
    public enum Expiry {
        NO_START,
        IDLE,
        MAX_DURATION;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SocketLimits {
        if (maxSockets < 1) {
            throw new IllegalArgumentException("voicebot.gateway.socket.max-sockets must be at least 1");
        }
        for (Duration limit : new Duration[] {startTimeout, idleTimeout, maxStreamDuration, maxQueuedPlayback}) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("socket time limits must be positive, got " + limit);
            }
        }
    }

    /**
     * Which limit a socket has passed at {@code nowNanos}, or {@code null}.
     *
     * @param started whether the socket's call sent {@code start}
     */
    public Expiry overdue(long openedNanos, long lastInboundNanos, boolean started, long nowNanos) {
        if (nowNanos - openedNanos >= maxStreamDuration.toNanos()) {
            return Expiry.MAX_DURATION;
        }
        if (!started) {
            return nowNanos - openedNanos >= startTimeout.toNanos() ? Expiry.NO_START : null;
        }
        return nowNanos - lastInboundNanos >= idleTimeout.toNanos() ? Expiry.IDLE : null;
    }

    /** How often to look for expired sockets: a second, or a quarter of the shortest timeout. */
    public Duration sweepInterval() {
        Duration shortest = startTimeout.compareTo(idleTimeout) < 0 ? startTimeout : idleTimeout;
        Duration quarter = shortest.dividedBy(4);
        Duration interval = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
        return interval.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : interval;
    }

    /** The close reason a caller (and the log) sees. */
    public String describe(Expiry expiry) {
        return switch (expiry) {
            case NO_START -> "no 'start' within " + startTimeout.toMillis() + " ms of connecting";
            case IDLE -> "nothing received for " + idleTimeout.toMillis() + " ms";
            case MAX_DURATION -> "stream reached its " + maxStreamDuration.toSeconds() + " s limit";
        };
    }
}
