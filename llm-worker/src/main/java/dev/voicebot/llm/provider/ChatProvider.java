package dev.voicebot.llm.provider;

/**
 * A language model that streams replies. Implementations deliver callbacks off the calling thread,
 * honour {@link ChatStream#cancel()} at once, and report every failure through {@link
 * ChatStreamHandler#onError} as a {@link ProviderException}, never by throwing.
 */
public interface ChatProvider {

    /** A short name for logs and events, e.g. {@code openai} or {@code scripted}. */
    String name();

    ChatStream stream(ChatRequest request, ChatStreamHandler handler);
}
