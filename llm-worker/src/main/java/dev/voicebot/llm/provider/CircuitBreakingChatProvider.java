package dev.voicebot.llm.provider;

import dev.voicebot.service.resilience.CircuitBreaker;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the provider only while its circuit breaker lets calls through; otherwise the request fails
 * at once with {@link ProviderException.Kind#UNAVAILABLE}, so the caller hears the fallback line
 * straight away instead of after the provider's timeouts. Outcomes feed the breaker: transport
 * failures, timeouts, 5xx, 429 and refused keys count against the provider; a request the provider
 * rightly refused, a failure of our own, or a cancelled request do not count.
 */
public final class CircuitBreakingChatProvider implements ChatProvider {

    private final ChatProvider delegate;
    private final CircuitBreaker breaker;
    private final Executor callbacks;

    /** @param callbacks runs the fail-fast callback, off the caller's thread as the contract asks */
    public CircuitBreakingChatProvider(ChatProvider delegate, CircuitBreaker breaker, Executor callbacks) {
        this.delegate = delegate;
        this.breaker = breaker;
        this.callbacks = callbacks;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatStreamHandler handler) {
        StreamSession outer = new StreamSession(handler);
        if (!breaker.tryAcquire()) {
            callbacks.execute(() -> outer.fail(new ProviderException(
                    ProviderException.Kind.UNAVAILABLE,
                    delegate.name() + " is failing: circuit open, not asked (" + breaker.name() + ")")));
            return outer;
        }
        AtomicBoolean reported = new AtomicBoolean();
        ChatStream inner = delegate.stream(request, new RelayHandler(outer) {
            @Override
            public void onComplete(ChatCompletion completion) {
                if (reported.compareAndSet(false, true)) {
                    breaker.onSuccess();
                }
                outer.complete(completion);
            }

            @Override
            public void onError(ProviderException error) {
                if (reported.compareAndSet(false, true)) {
                    if (countsAgainstProvider(error.kind())) {
                        breaker.onFailure();
                    } else {
                        breaker.onIgnored();
                    }
                }
                outer.fail(error);
            }
        });
        outer.onCancel(() -> {
            if (reported.compareAndSet(false, true)) {
                breaker.onIgnored();
            }
            inner.cancel();
        });
        return outer;
    }

    static boolean countsAgainstProvider(ProviderException.Kind kind) {
        return switch (kind) {
            case AUTHENTICATION, RATE_LIMITED, SERVER, TIMEOUT, CONNECTION, STREAM_BROKEN -> true;
            case INVALID_REQUEST, NOT_FOUND, INTERNAL, UNAVAILABLE -> false;
        };
    }
}
