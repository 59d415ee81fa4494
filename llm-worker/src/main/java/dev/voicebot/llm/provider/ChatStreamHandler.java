package dev.voicebot.llm.provider;

/**
 * Receives one request's output. Callbacks of one stream never overlap and arrive on a provider
 * thread, never the caller's. Of {@link #onComplete} and {@link #onError} exactly one is called,
 * last, unless the stream was cancelled first.
 */
public interface ChatStreamHandler {

    /** Visible text, in order; concatenated deltas are the reply. */
    void onText(String delta);

    /** A complete tool call (its arguments fully streamed). */
    void onToolCall(ToolCall call);

    void onComplete(ChatCompletion completion);

    void onError(ProviderException error);
}
