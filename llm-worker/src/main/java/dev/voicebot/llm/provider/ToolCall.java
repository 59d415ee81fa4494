package dev.voicebot.llm.provider;

/**
 * A model's request to run a tool.
 *
 * @param id the provider's id for the call, echoed by the tool result message
 * @param name the tool's name
 * @param argumentsJson the arguments as a JSON object text ({@code {}} when there are none)
 */
public record ToolCall(String id, String name, String argumentsJson) {

    public ToolCall {
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
    }
}
