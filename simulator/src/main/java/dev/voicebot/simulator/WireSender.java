package dev.voicebot.simulator;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Sends text frames in order from any thread. The JDK WebSocket allows one outstanding send at a time, so sends are
 * chained; {@code sequence_number} is assigned in the same order the frames go out, starting at 1.
 */
final class WireSender {

    private final WebSocket socket;
    private final Consumer<Throwable> onFailure;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private long sequence;
    private boolean closed;

    WireSender(WebSocket socket, Consumer<Throwable> onFailure) {
        this.socket = socket;
        this.onFailure = onFailure;
    }

    /** Sends a frame without a sequence number ({@code connected}). */
    synchronized boolean send(String text) {
        return enqueue(text);
    }

    /** Sends a frame built with the next sequence number. */
    synchronized boolean sendSequenced(LongFunction<String> message) {
        if (closed) {
            return false;
        }
        return enqueue(message.apply(++sequence));
    }

    /** Sends a close frame after everything queued; nothing is sent afterwards. */
    synchronized CompletableFuture<?> close(int statusCode, String reason) {
        if (closed) {
            return tail;
        }
        closed = true;
        tail = tail.handle((ok, error) -> null).thenCompose(ignored -> socket.sendClose(statusCode, reason));
        return tail;
    }

    /** Stops sending without a close frame (the peer is gone). */
    synchronized void abandon() {
        closed = true;
    }

    private boolean enqueue(String text) {
        if (closed) {
            return false;
        }
        tail = tail.thenCompose(ignored -> socket.sendText(text, true)).whenComplete((ok, error) -> {
            if (error != null) {
                onFailure.accept(error);
            }
        });
        return true;
    }
}
