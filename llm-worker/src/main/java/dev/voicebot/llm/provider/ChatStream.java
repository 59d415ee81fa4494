package dev.voicebot.llm.provider;

/** The handle of one running request. */
public interface ChatStream {

    /**
     * Stops the request without waiting. No callback starts after this returns, not even a
     * terminal one; a callback already running on another thread may still finish, so a handler
     * that cancels from elsewhere checks its own state too. Safe to call from any thread, more
     * than once, and after the stream ended.
     */
    void cancel();

    boolean isCancelled();
}
