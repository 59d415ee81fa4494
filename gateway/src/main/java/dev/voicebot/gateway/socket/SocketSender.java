package dev.voicebot.gateway.socket;

import dev.voicebot.gateway.metrics.GatewayMetrics;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends one socket's messages in order, one at a time, on a shared executor: callers only queue,
 * so a socket that stops reading blocks nobody but itself. When more than {@code maxQueuedChars}
 * wait, the peer is not reading and the socket is closed.
 */
final class SocketSender {

    /** The WebSocket close code for "try again later": the peer is not keeping up. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private static final Logger log = LoggerFactory.getLogger(SocketSender.class);

    private sealed interface Outbound {}

    private record Text(String text, long dueNanos, long chunkNanos) implements Outbound {}

    private record Closing(CloseStatus status) implements Outbound {}

    private final WebSocketSession session;
    private final Executor executor;
    private final GatewayMetrics metrics;
    private final long maxQueuedChars;
    private final Queue<Outbound> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    SocketSender(WebSocketSession session, Executor executor, GatewayMetrics metrics, long maxQueuedChars) {
        this.session = session;
        this.executor = executor;
        this.metrics = metrics;
        this.maxQueuedChars = maxQueuedChars;
    }

    /** Queues a control message ({@code mark}, {@code clear}). */
    void send(String text) {
        enqueue(new Text(text, -1, 0));
    }

    /** Queues a media message that became due at {@code dueNanos}; its send time is measured against that. */
    void sendMedia(String text, long dueNanos, long chunkNanos) {
        enqueue(new Text(text, dueNanos, chunkNanos));
    }

    /** Closes the socket after the messages queued before. */
    void close(CloseStatus status) {
        queue.add(new Closing(status));
        scheduleDrain();
    }

    private void enqueue(Text message) {
        if (closed) {
            return;
        }
        if (queuedChars.addAndGet(message.text().length()) > maxQueuedChars) {
            metrics.socketClosedForBackpressure();
            log.warn("socket {}: peer is not reading, {} chars waiting; closing", session.getId(), queuedChars.get());
            queue.clear();
            queuedChars.set(0);
            close(new CloseStatus(CLOSE_TRY_AGAIN_LATER, "peer is not reading"));
            return;
        }
        queue.add(message);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Outbound next;
            while ((next = queue.poll()) != null) {
                deliver(next);
            }
        } finally {
            draining.set(false);
        }
        if (!queue.isEmpty()) {
            scheduleDrain();
        }
    }

    private void deliver(Outbound outbound) {
        switch (outbound) {
            case Text text -> {
                queuedChars.addAndGet(-text.text().length());
                if (!closed) {
                    sendNow(text);
                }
            }
            case Closing closing -> closeNow(closing.status());
        }
    }

    private void sendNow(Text text) {
        if (text.dueNanos() >= 0) {
            metrics.frameOut(System.nanoTime() - text.dueNanos(), text.chunkNanos());
        }
        try {
            session.sendMessage(new TextMessage(text.text()));
        } catch (IOException | RuntimeException e) {
            closed = true;
            log.info("socket {}: send failed ({}); dropping its outbound audio", session.getId(), e.toString());
        }
    }

    private void closeNow(CloseStatus status) {
        if (closed && !session.isOpen()) {
            return;
        }
        closed = true;
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("socket {}: close failed: {}", session.getId(), e.toString());
        }
    }
}
