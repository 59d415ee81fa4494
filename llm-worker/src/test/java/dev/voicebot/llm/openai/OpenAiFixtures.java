package dev.voicebot.llm.openai;

import dev.voicebot.llm.provider.CallFacts;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.InputKind;
import dev.voicebot.llm.tools.CallControlTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/** Recorded OpenAI responses (src/test/resources/openai) and requests that ask for them. */
final class OpenAiFixtures {

    static final String API_KEY = "sk-test-0123456789abcdef";

    private OpenAiFixtures() {}

    static String resource(String name) {
        try (InputStream in = OpenAiFixtures.class.getResourceAsStream("/openai/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse stream(String fixture) {
        return new MockResponse()
                .setHeader("Content-Type", "text/event-stream; charset=utf-8")
                .setBody(resource(fixture));
    }

    static MockResponse error(int status, String fixture) {
        return new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json")
                .setBody(resource(fixture));
    }

    static ChatRequest saying(String callerText) {
        return new ChatRequest(
                "You are a test assistant.",
                List.of(ChatMessage.user(InputKind.SPEECH, callerText)),
                CallControlTools.SPECS,
                new CallFacts("+919876543210", "+918041234567", null, Map.of(), ZonedDateTime.now()));
    }

    static OpenAiSettings settings(String baseUrl, Duration readTimeout) {
        return new OpenAiSettings(
                baseUrl,
                API_KEY,
                "gpt-4o-mini",
                0.4,
                200,
                Duration.ofSeconds(2),
                readTimeout,
                Duration.ofSeconds(20),
                true);
    }
}
