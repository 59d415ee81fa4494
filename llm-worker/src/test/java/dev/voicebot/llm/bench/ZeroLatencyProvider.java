package dev.voicebot.llm.bench;

import dev.voicebot.llm.provider.ChatCompletion;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.ChatStream;
import dev.voicebot.llm.provider.ChatStreamHandler;
import dev.voicebot.llm.provider.ChatUsage;
import dev.voicebot.llm.provider.StreamSession;
import java.util.concurrent.Executor;

/** A provider that answers at once with a fixed two-sentence reply: the pipeline's own cost, nothing else. */
final class ZeroLatencyProvider implements ChatProvider {

    private final Executor executor;

    ZeroLatencyProvider(Executor executor) {
        this.executor = executor;
    }

    @Override
    public String name() {
        return "zero-latency";
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatStreamHandler handler) {
        StreamSession session = new StreamSession(handler);
        executor.execute(() -> {
            session.text("Sure, I can help with that.");
            session.text(" Which day would suit you best?");
            session.complete(new ChatCompletion("stop", ChatUsage.NONE));
        });
        return session;
    }
}
