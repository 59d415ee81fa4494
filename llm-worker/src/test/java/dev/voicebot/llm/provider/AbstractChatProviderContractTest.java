package dev.voicebot.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatProvider} must do. A provider's test subclasses this and supplies requests
 * its backend answers in the ways named below.
 */
public abstract class AbstractChatProviderContractTest {

    protected static final long WAIT_MS = 5_000;

    protected abstract ChatProvider provider();

    /** A request the backend answers with text only. */
    protected abstract ChatRequest requestAnsweredWithText();

    /** A request the backend answers with a goodbye and the {@code end_call} tool. */
    protected abstract ChatRequest requestAnsweredWithEndCall();

    /** A request the backend fails permanently, if the backend can be made to fail. */
    protected Optional<ChatRequest> requestFailingPermanently() {
        return Optional.empty();
    }

    @Test
    void textArrivesInOrderThenExactlyOneCompletion() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        String caller = Thread.currentThread().getName();

        provider().stream(requestAnsweredWithText(), handler);

        assertThat(handler.awaitTerminal(WAIT_MS)).as("a terminal callback").isTrue();
        Thread.sleep(50); // nothing may follow the terminal callback
        List<RecordingHandler.Callback> callbacks = handler.callbacks();
        assertThat(handler.text()).isNotBlank();
        assertThat(handler.terminals()).hasSize(1);
        assertThat(callbacks.getLast().kind()).isEqualTo("complete");
        assertThat(callbacks).allMatch(c -> !c.thread().equals(caller), "callbacks off the caller's thread");
    }

    @Test
    void toolCallArrivesWholeBeforeCompletion() throws Exception {
        RecordingHandler handler = new RecordingHandler();

        provider().stream(requestAnsweredWithEndCall(), handler);

        assertThat(handler.awaitTerminal(WAIT_MS)).isTrue();
        assertThat(handler.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("end_call");
            assertThat(call.id()).isNotBlank();
            assertThat(call.argumentsJson()).startsWith("{").endsWith("}");
        });
        assertThat(handler.callbacks().getLast().kind()).isEqualTo("complete");
        assertThat(handler.terminals()).hasSize(1);
    }

    @Test
    void cancelledFromACallbackNothingMoreArrives() throws Exception {
        ChatStream[] stream = new ChatStream[1];
        RecordingHandler handler = new RecordingHandler().whenText(delta -> {
            synchronized (stream) {
                stream[0].cancel();
            }
        });

        synchronized (stream) {
            stream[0] = provider().stream(requestAnsweredWithText(), handler);
        }

        assertThat(handler.awaitText(WAIT_MS)).isTrue();
        assertThat(handler.awaitTerminal(300)).as("no terminal after cancel").isFalse();
        assertThat(handler.callbacks()).hasSize(1);
        assertThat(stream[0].isCancelled()).isTrue();
    }

    @Test
    void cancelIsIdempotentAndSafeAfterTheEnd() throws Exception {
        RecordingHandler handler = new RecordingHandler();

        ChatStream stream = provider().stream(requestAnsweredWithText(), handler);
        assertThat(handler.awaitTerminal(WAIT_MS)).isTrue();
        stream.cancel();
        stream.cancel();

        assertThat(stream.isCancelled()).isTrue();
        assertThat(handler.terminals()).hasSize(1);
    }

    @Test
    void permanentFailureIsOneErrorNotRetryable() throws Exception {
        Optional<ChatRequest> failing = requestFailingPermanently();
        assumeTrue(failing.isPresent(), "this backend cannot be made to fail");
        RecordingHandler handler = new RecordingHandler();

        provider().stream(failing.get(), handler);

        assertThat(handler.awaitTerminal(WAIT_MS)).isTrue();
        Thread.sleep(50);
        assertThat(handler.terminals())
                .singleElement()
                .extracting(RecordingHandler.Callback::kind)
                .isEqualTo("error");
        assertThat(handler.error().retryable()).isFalse();
    }
}
