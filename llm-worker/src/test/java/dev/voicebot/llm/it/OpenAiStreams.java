package dev.voicebot.llm.it;

import okhttp3.mockwebserver.MockResponse;
import tools.jackson.databind.json.JsonMapper;

/** Streamed chat completions as an OpenAI-compatible server sends them. */
final class OpenAiStreams {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiStreams() {}

    static MockResponse sse(String body) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body);
    }

    /** A reply of one text delta, then the stop chunk and {@code [DONE]}. */
    static String chunks(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JSON.writeValueAsString(text)
                + "},\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    }
}
