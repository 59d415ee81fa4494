package dev.voicebot.llm.provider;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The guard every provider delivers through: it keeps callbacks of one stream from overlapping,
 * delivers exactly one terminal callback, and nothing once the stream is cancelled or has ended.
 * A handler that throws ends the stream with an {@link ProviderException.Kind#INTERNAL} error.
 */
public class StreamSession implements ChatStream {

    private final ChatStreamHandler handler;
    private final ReentrantLock delivery = new ReentrantLock();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean outputDelivered = new AtomicBoolean();
    private volatile boolean ended;
    private volatile Runnable onCancel = () -> {};

    public StreamSession(ChatStreamHandler handler) {
        this.handler = handler;
    }

    /** What to stop when the stream is cancelled (an HTTP call); runs at most once. */
    public void onCancel(Runnable action) {
        this.onCancel = action;
        if (cancelled.get()) {
            action.run();
        }
    }

    public void text(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        deliver(() -> {
            outputDelivered.set(true);
            handler.onText(delta);
        });
    }

    public void toolCall(ToolCall call) {
        deliver(() -> {
            outputDelivered.set(true);
            handler.onToolCall(call);
        });
    }

    public void complete(ChatCompletion completion) {
        terminate(() -> handler.onComplete(completion));
    }

    public void fail(ProviderException error) {
        terminate(() -> handler.onError(error));
    }

    /** Whether text or a tool call reached the handler: from then on a retry would repeat output. */
    public boolean outputDelivered() {
        return outputDelivered.get();
    }

    /** Whether the stream is finished: cancelled, completed or failed. */
    public boolean isDone() {
        return ended || cancelled.get();
    }

    @Override
    public void cancel() {
        // Never waits for a callback in progress: the canceller may hold a lock that callback needs.
        if (cancelled.compareAndSet(false, true)) {
            onCancel.run();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    private void deliver(Runnable callback) {
        delivery.lock();
        try {
            if (isDone()) {
                return;
            }
            try {
                callback.run();
            } catch (RuntimeException e) {
                endWithHandlerFailure(e);
            }
        } finally {
            delivery.unlock();
        }
    }

    private void terminate(Runnable callback) {
        delivery.lock();
        try {
            if (isDone()) {
                return;
            }
            ended = true;
            callback.run();
        } finally {
            delivery.unlock();
        }
    }

    private void endWithHandlerFailure(RuntimeException e) {
        ended = true;
        onCancel.run();
        handler.onError(
                new ProviderException(ProviderException.Kind.INTERNAL, 0, "the stream handler failed: " + e, null, e));
    }
}
