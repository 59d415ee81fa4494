package dev.voicebot.llm.provider;

/**
 * The end of a successful stream.
 *
 * @param finishReason the provider's reason, e.g. {@code stop}, {@code tool_calls}, {@code length}
 */
public record ChatCompletion(String finishReason, ChatUsage usage) {}
