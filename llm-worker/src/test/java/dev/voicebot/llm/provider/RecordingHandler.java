package dev.voicebot.llm.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records every callback of one stream, in order, with the thread it arrived on. */
public final class RecordingHandler implements ChatStreamHandler {

    /** One callback. */
    public record Callback(String kind, Object value, String thread) {}

    private final List<Callback> callbacks = new ArrayList<>();
    private final CountDownLatch terminal = new CountDownLatch(1);
    private final CountDownLatch firstText = new CountDownLatch(1);
    private volatile Consumer<String> onText = text -> {};

    /** Runs inside each {@link #onText} callback, e.g. to cancel from a callback. */
    public RecordingHandler whenText(Consumer<String> action) {
        this.onText = action;
        return this;
    }

    @Override
    public void onText(String delta) {
        record("text", delta);
        firstText.countDown();
        onText.accept(delta);
    }

    @Override
    public void onToolCall(ToolCall call) {
        record("tool", call);
    }

    @Override
    public void onComplete(ChatCompletion completion) {
        record("complete", completion);
        terminal.countDown();
    }

    @Override
    public void onError(ProviderException error) {
        record("error", error);
        terminal.countDown();
    }

    public boolean awaitTerminal(long millis) throws InterruptedException {
        return terminal.await(millis, TimeUnit.MILLISECONDS);
    }

    public boolean awaitText(long millis) throws InterruptedException {
        return firstText.await(millis, TimeUnit.MILLISECONDS);
    }

    public synchronized List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    public synchronized String text() {
        StringBuilder text = new StringBuilder();
        callbacks.stream().filter(c -> c.kind().equals("text")).forEach(c -> text.append(c.value()));
        return text.toString();
    }

    public synchronized List<ToolCall> toolCalls() {
        return callbacks.stream()
                .filter(c -> c.kind().equals("tool"))
                .map(c -> (ToolCall) c.value())
                .toList();
    }

    public synchronized List<Callback> terminals() {
        return callbacks.stream()
                .filter(c -> c.kind().equals("complete") || c.kind().equals("error"))
                .toList();
    }

    public synchronized ProviderException error() {
        return callbacks.stream()
                .filter(c -> c.kind().equals("error"))
                .map(c -> (ProviderException) c.value())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error callback in " + callbacks));
    }

    private synchronized void record(String kind, Object value) {
        callbacks.add(new Callback(kind, value, Thread.currentThread().getName()));
    }
}
