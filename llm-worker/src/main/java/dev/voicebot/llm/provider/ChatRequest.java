package dev.voicebot.llm.provider;

import java.util.List;

/**
 * One streaming completion: the system prompt, the conversation so far and the tools on offer.
 * An empty history asks for the call's opening line.
 */
public record ChatRequest(String systemPrompt, List<ChatMessage> messages, List<ToolSpec> tools, CallFacts call) {

    public ChatRequest {
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
