package dev.voicebot.llm.provider;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retries a provider's retryable failures, as long as nothing of the reply reached the caller: once
 * a text delta or tool call was delivered the error is passed on, so a retry never repeats speech.
 * Waits the provider's {@code Retry-After} when it gives one (up to {@code maxWait}), otherwise
 * {@code backoff} doubled per attempt.
 */
public final class RetryingChatProvider implements ChatProvider {

    private final ChatProvider delegate;
    private final int maxRetries;
    private final Duration backoff;
    private final Duration maxWait;
    private final ScheduledExecutorService scheduler;

    public RetryingChatProvider(
            ChatProvider delegate,
            int maxRetries,
            Duration backoff,
            Duration maxWait,
            ScheduledExecutorService scheduler) {
        this.delegate = delegate;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.maxWait = maxWait;
        this.scheduler = scheduler;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatStreamHandler handler) {
        StreamSession outer = new StreamSession(handler);
        attempt(request, outer, 0);
        return outer;
    }

    private void attempt(ChatRequest request, StreamSession outer, int retriesDone) {
        if (outer.isDone()) {
            return;
        }
        ChatStream inner = delegate.stream(request, new RelayHandler(outer) {
            @Override
            public void onComplete(ChatCompletion completion) {
                outer.complete(completion);
            }

            @Override
            public void onError(ProviderException error) {
                if (error.retryable() && !outer.outputDelivered() && retriesDone < maxRetries && !outer.isDone()) {
                    Duration wait = waitBefore(error, retriesDone);
                    if (wait != null) {
                        scheduler.schedule(
                                () -> attempt(request, outer, retriesDone + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
                        return;
                    }
                }
                outer.fail(error);
            }
        });
        outer.onCancel(inner::cancel);
    }

    /** The wait before the next attempt, or {@code null} when the provider asks for longer than we wait. */
    private Duration waitBefore(ProviderException error, int retriesDone) {
        if (error.retryAfter() != null) {
            return error.retryAfter().compareTo(maxWait) <= 0 ? error.retryAfter() : null;
        }
        Duration wait = backoff.multipliedBy(1L << Math.min(retriesDone, 10));
        return wait.compareTo(maxWait) <= 0 ? wait : maxWait;
    }
}
