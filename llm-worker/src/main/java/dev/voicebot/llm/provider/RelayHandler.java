package dev.voicebot.llm.provider;

/**
 * Passes an inner stream's output on to the outer session of a provider that wraps another; the
 * wrapper decides what the terminal callbacks mean.
 */
abstract class RelayHandler implements ChatStreamHandler {

    protected final StreamSession outer;

    RelayHandler(StreamSession outer) {
        this.outer = outer;
    }

    @Override
    public void onText(String delta) {
        outer.text(delta);
    }

    @Override
    public void onToolCall(ToolCall call) {
        outer.toolCall(call);
    }
}
