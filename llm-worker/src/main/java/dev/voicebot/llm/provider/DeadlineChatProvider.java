package dev.voicebot.llm.provider;

import dev.voicebot.service.resilience.Countdown;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Gives up on a reply that is too slow for a phone call: no text or tool call within {@code
 * firstOutput} of the request (retries included), or nothing more for {@code stall} once output
 * began. The request is then cancelled and fails with {@link ProviderException.Kind#TIMEOUT}, so the
 * caller hears the fallback line instead of waiting on the transport's much longer timeouts.
 */
public final class DeadlineChatProvider implements ChatProvider {

    private final ChatProvider delegate;
    private final Duration firstOutput;
    private final Duration stall;
    private final ScheduledExecutorService scheduler;

    public DeadlineChatProvider(
            ChatProvider delegate, Duration firstOutput, Duration stall, ScheduledExecutorService scheduler) {
        this.delegate = delegate;
        this.firstOutput = firstOutput;
        this.stall = stall;
        this.scheduler = scheduler;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatStreamHandler handler) {
        Watch watch = new Watch(new StreamSession(handler));
        watch.due(firstOutput, "no reply within " + firstOutput.toMillis() + " ms");
        ChatStream inner = delegate.stream(request, watch);
        watch.outer.onCancel(() -> {
            watch.countdown.stop();
            inner.cancel();
        });
        return watch.outer;
    }

    /** Relays the inner stream while a countdown waits for its next output. */
    private final class Watch extends RelayHandler {

        final Countdown countdown = new Countdown(scheduler);

        Watch(StreamSession outer) {
            super(outer);
        }

        void due(Duration delay, String reason) {
            countdown.restart(delay, () -> {
                if (!outer.isDone()) {
                    outer.fail(new ProviderException(ProviderException.Kind.TIMEOUT, reason));
                    outer.cancel();
                }
            });
        }

        @Override
        public void onText(String delta) {
            due(stall, "the reply stalled for " + stall.toMillis() + " ms");
            super.onText(delta);
        }

        @Override
        public void onToolCall(ToolCall call) {
            due(stall, "the reply stalled for " + stall.toMillis() + " ms");
            super.onToolCall(call);
        }

        @Override
        public void onComplete(ChatCompletion completion) {
            countdown.stop();
            outer.complete(completion);
        }

        @Override
        public void onError(ProviderException error) {
            countdown.stop();
            outer.fail(error);
        }
    }
}
