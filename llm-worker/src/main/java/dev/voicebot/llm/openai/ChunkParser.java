package dev.voicebot.llm.openai;

import dev.voicebot.llm.provider.ChatCompletion;
import dev.voicebot.llm.provider.ChatUsage;
import dev.voicebot.llm.provider.ProviderException;
import dev.voicebot.llm.provider.StreamSession;
import dev.voicebot.llm.provider.ToolCall;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the chunks of one streamed chat completion into session events. Text deltas go out at
 * once; tool calls arrive in pieces keyed by {@code index} (id and name first, then argument
 * fragments) and go out whole when the choice finishes.
 */
final class ChunkParser {

    private static final String DONE = "[DONE]";

    private final JsonMapper mapper;
    private final StreamSession session;
    private final Map<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
    private String finishReason;
    private ChatUsage usage = ChatUsage.NONE;

    ChunkParser(JsonMapper mapper, StreamSession session) {
        this.mapper = mapper;
        this.session = session;
    }

    /** Handles one event's data; {@code false} once the stream is over (done, failed or cancelled). */
    boolean accept(String data) {
        if (session.isDone()) {
            return false;
        }
        if (DONE.equals(data.strip())) {
            finish();
            return false;
        }
        JsonNode chunk;
        try {
            chunk = mapper.readTree(data);
        } catch (JacksonException e) {
            session.fail(new ProviderException(
                    ProviderException.Kind.STREAM_BROKEN, 0, "a stream chunk is not JSON", null, e));
            return false;
        }
        if (chunk.has("error")) {
            JsonNode error = chunk.get("error");
            session.fail(new ProviderException(
                    ProviderException.Kind.SERVER,
                    "error in stream: " + error.path("message").asString("")));
            return false;
        }
        if (chunk.hasNonNull("usage")) {
            JsonNode u = chunk.get("usage");
            usage = new ChatUsage(
                    u.path("prompt_tokens").asInt(0),
                    u.path("completion_tokens").asInt(0));
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            if (delta.hasNonNull("content")) {
                session.text(delta.get("content").asString());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCalls
                        .computeIfAbsent(call.path("index").asInt(0), index -> new ToolCallBuilder())
                        .add(call);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asString();
                emitToolCalls();
            }
        }
        return !session.isDone();
    }

    /** The body ended without {@code [DONE]}: complete if the choice finished, else the stream broke. */
    void endOfBody() {
        if (session.isDone()) {
            return;
        }
        if (finishReason != null) {
            finish();
        } else {
            session.fail(new ProviderException(
                    ProviderException.Kind.STREAM_BROKEN, "the stream ended before the reply finished"));
        }
    }

    private void finish() {
        emitToolCalls();
        session.complete(new ChatCompletion(finishReason == null ? "stop" : finishReason, usage));
    }

    private void emitToolCalls() {
        for (ToolCallBuilder builder : toolCalls.values()) {
            session.toolCall(builder.build());
        }
        toolCalls.clear();
    }

    /** One tool call's pieces. */
    private static final class ToolCallBuilder {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();

        void add(JsonNode piece) {
            if (piece.hasNonNull("id")) {
                id = piece.get("id").asString();
            }
            JsonNode function = piece.path("function");
            if (function.hasNonNull("name") && name.isEmpty()) {
                name = function.get("name").asString();
            }
            if (function.hasNonNull("arguments")) {
                arguments.append(function.get("arguments").asString());
            }
        }

        ToolCall build() {
            return new ToolCall(id, name, arguments.toString());
        }
    }
}
