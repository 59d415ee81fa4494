package dev.voicebot.llm.provider;

import java.util.List;

/**
 * One message of a conversation's history. The system prompt is not a message: each request
 * carries it freshly rendered ({@link ChatRequest#systemPrompt()}).
 *
 * @param role who wrote it
 * @param text what was said (for the bot: what the caller heard), or a tool's result
 * @param input for {@link ChatRole#USER}: how the caller gave it; {@code null} otherwise
 * @param toolCalls for {@link ChatRole#ASSISTANT}: the tools it asked to run
 * @param toolCallId for {@link ChatRole#TOOL}: the call this result answers
 */
public record ChatMessage(ChatRole role, String text, InputKind input, List<ToolCall> toolCalls, String toolCallId) {

    public ChatMessage {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage user(InputKind input, String text) {
        return new ChatMessage(ChatRole.USER, text, input, List.of(), null);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(ChatRole.ASSISTANT, text, null, List.of(), null);
    }

    public static ChatMessage assistantToolCalls(List<ToolCall> calls) {
        return new ChatMessage(ChatRole.ASSISTANT, "", null, calls, null);
    }

    public static ChatMessage toolResult(String toolCallId, String result) {
        return new ChatMessage(ChatRole.TOOL, result, null, List.of(), toolCallId);
    }
}
