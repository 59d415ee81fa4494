package dev.voicebot.llm.openai;

import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.ToolCall;
import dev.voicebot.llm.provider.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link ChatRequest} as a streaming chat completions request body. */
final class OpenAiRequestBody {

    /** Stands in for the caller when the history is empty, since some servers need a user message. */
    static final String CALL_CONNECTED = "(The call has just connected. Open the conversation.)";

    private final JsonMapper mapper;

    OpenAiRequestBody(JsonMapper mapper) {
        this.mapper = mapper;
    }

    byte[] write(ChatRequest request, OpenAiSettings settings) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", settings.model());
        body.put("stream", true);
        if (settings.includeUsage()) {
            body.putObject("stream_options").put("include_usage", true);
        }
        body.put("temperature", settings.temperature());
        if (settings.maxTokens() > 0) {
            body.put("max_tokens", settings.maxTokens());
        }
        ArrayNode messages = body.putArray("messages");
        if (!request.systemPrompt().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.systemPrompt());
        }
        if (request.messages().isEmpty()) {
            messages.addObject().put("role", "user").put("content", CALL_CONNECTED);
        }
        request.messages().forEach(message -> messages.add(message(message)));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        return mapper.writeValueAsBytes(body);
    }

    private ObjectNode message(ChatMessage message) {
        ObjectNode node = mapper.createObjectNode();
        switch (message.role()) {
            case USER -> node.put("role", "user").put("content", userContent(message));
            case ASSISTANT -> {
                node.put("role", "assistant");
                if (message.toolCalls().isEmpty()) {
                    node.put("content", message.text());
                } else {
                    if (message.text().isEmpty()) {
                        node.putNull("content");
                    } else {
                        node.put("content", message.text());
                    }
                    ArrayNode calls = node.putArray("tool_calls");
                    message.toolCalls().forEach(call -> calls.add(toolCall(call)));
                }
            }
            case TOOL ->
                node.put("role", "tool")
                        .put("tool_call_id", message.toolCallId())
                        .put("content", message.text());
        }
        return node;
    }

    private static String userContent(ChatMessage message) {
        if (message.input() == null) {
            return message.text();
        }
        return switch (message.input()) {
            case SPEECH -> message.text();
            case DTMF -> "(The caller pressed these keys on the keypad: " + message.text() + ")";
            case SILENCE -> "(The caller has said nothing for a while.)";
        };
    }

    private ObjectNode toolCall(ToolCall call) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", call.id()).put("type", "function");
        node.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        return node;
    }

    private ObjectNode tool(ToolSpec spec) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", spec.name()).put("description", spec.description());
        JsonNode parameters = mapper.readTree(spec.parametersJsonSchema());
        function.set("parameters", parameters);
        return node;
    }
}
