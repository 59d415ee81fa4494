package dev.voicebot.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.llm.provider.CallFacts;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.ChatStream;
import dev.voicebot.llm.provider.InputKind;
import dev.voicebot.llm.provider.ProviderException;
import dev.voicebot.llm.provider.RecordingHandler;
import dev.voicebot.llm.provider.RetryingChatProvider;
import dev.voicebot.llm.provider.ToolCall;
import dev.voicebot.llm.tools.CallControlTools;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI wire format and failure handling, against a loopback server. */
class OpenAiChatProviderTest {

    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private OpenAiChatProvider openai;

    @BeforeEach
    void start() throws IOException {
        server.start();
        openai = new OpenAiChatProvider(
                OpenAiFixtures.settings(server.url("/v1/").toString(), Duration.ofMillis(800)), new OkHttpClient());
    }

    @AfterEach
    void stop() throws IOException {
        scheduler.shutdownNow();
        server.shutdown();
    }

    private ChatProvider retrying(int maxRetries, Duration maxWait) {
        return new RetryingChatProvider(openai, maxRetries, Duration.ofMillis(20), maxWait, scheduler);
    }

    @Test
    void sendsTheDocumentedStreamingRequest() throws Exception {
        server.enqueue(OpenAiFixtures.stream("text.sse"));
        ChatRequest request = new ChatRequest(
                "Be brief.",
                List.of(
                        ChatMessage.assistant("Hello, how can I help?"),
                        ChatMessage.user(InputKind.DTMF, "1234#"),
                        ChatMessage.assistantToolCalls(List.of(new ToolCall("call_1", "lookup", "{\"id\":1}"))),
                        ChatMessage.toolResult("call_1", "{\"found\":true}"),
                        ChatMessage.user(InputKind.SILENCE, "")),
                CallControlTools.SPECS,
                new CallFacts("+919876543210", "+918041234567", null, Map.of(), ZonedDateTime.now()));
        RecordingHandler handler = new RecordingHandler();

        openai.stream(request, handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(sent.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + OpenAiFixtures.API_KEY);
        JsonNode body = JsonMapper.builder().build().readTree(sent.getBody().readUtf8());
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        JsonNode messages = body.path("messages");
        assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
        assertThat(messages.get(2).path("content").asString()).contains("keypad: 1234#");
        assertThat(messages.get(3)
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("name")
                        .asString())
                .isEqualTo("lookup");
        assertThat(messages.get(4).path("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(messages.get(5).path("content").asString()).contains("said nothing");
        assertThat(body.path("tools").get(0).path("function").path("name").asString())
                .isEqualTo("end_call");
        assertThat(body.path("tools")
                        .get(0)
                        .path("function")
                        .path("parameters")
                        .path("type")
                        .asString())
                .isEqualTo("object");
    }

    @Test
    void streamsTextDeltasAndUsage() throws Exception {
        server.enqueue(OpenAiFixtures.stream("text.sse"));
        RecordingHandler handler = new RecordingHandler();

        openai.stream(OpenAiFixtures.saying("book"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.text()).isEqualTo("Sure, I can help with that. Which day suits you?");
        var completion = (dev.voicebot.llm.provider.ChatCompletion)
                handler.callbacks().getLast().value();
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.usage().promptTokens()).isEqualTo(87);
        assertThat(completion.usage().completionTokens()).isEqualTo(12);
    }

    @Test
    void toolCallDeltasAreJoinedByIndex() throws Exception {
        server.enqueue(OpenAiFixtures.stream("tool_call.sse"));
        RecordingHandler handler = new RecordingHandler();

        openai.stream(OpenAiFixtures.saying("bye"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.text()).isEqualTo("Goodbye, take care!");
        assertThat(handler.toolCalls())
                .containsExactly(new ToolCall("call_Qx7bN2", "end_call", "{\"reason\": \"caller is done\"}"));
    }

    @Test
    void unauthorizedIsPermanentAndNeverShowsTheKey() throws Exception {
        server.enqueue(OpenAiFixtures.error(401, "error_401.json"));
        RecordingHandler handler = new RecordingHandler();

        retrying(2, Duration.ofSeconds(1)).stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        ProviderException error = handler.error();
        assertThat(error.kind()).isEqualTo(ProviderException.Kind.AUTHENTICATION);
        assertThat(error.retryable()).isFalse();
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.getMessage())
                .contains("Incorrect API key")
                .doesNotContain("abc1")
                .contains("sk-***");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitWaitsForRetryAfterThenSucceeds() throws Exception {
        server.enqueue(OpenAiFixtures.error(429, "error_429.json").setHeader("Retry-After", "1"));
        server.enqueue(OpenAiFixtures.stream("text.sse"));
        RecordingHandler handler = new RecordingHandler();
        long started = System.nanoTime();

        retrying(2, Duration.ofSeconds(2)).stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.text()).startsWith("Sure");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void rateLimitLongerThanWeWaitFailsRetryable() throws Exception {
        server.enqueue(OpenAiFixtures.error(429, "error_429.json").setHeader("retry-after-ms", "20000"));
        RecordingHandler handler = new RecordingHandler();

        retrying(2, Duration.ofSeconds(2)).stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        ProviderException error = handler.error();
        assertThat(error.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorIsRetriedUntilTheAttemptsRunOut() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(OpenAiFixtures.error(500, "error_500.json"));
        }
        RecordingHandler handler = new RecordingHandler();

        retrying(2, Duration.ofSeconds(1)).stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.error().kind()).isEqualTo(ProviderException.Kind.SERVER);
        assertThat(handler.terminals()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorThenSuccessDeliversTheReplyOnce() throws Exception {
        server.enqueue(OpenAiFixtures.error(500, "error_500.json"));
        server.enqueue(OpenAiFixtures.stream("text.sse"));
        RecordingHandler handler = new RecordingHandler();

        retrying(2, Duration.ofSeconds(1)).stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.text()).isEqualTo("Sure, I can help with that. Which day suits you?");
    }

    @Test
    void streamCutAfterTextFailsWithoutRetry() throws Exception {
        server.enqueue(OpenAiFixtures.stream("cut.sse"));
        server.enqueue(OpenAiFixtures.stream("text.sse"));
        RecordingHandler handler = new RecordingHandler();

        retrying(2, Duration.ofSeconds(1)).stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.text()).isEqualTo("Sure, I can");
        ProviderException error = handler.error();
        assertThat(error.kind()).isEqualTo(ProviderException.Kind.STREAM_BROKEN);
        assertThat(error.retryable()).isTrue();
        assertThat(server.getRequestCount())
                .as("never retried once speech went out")
                .isEqualTo(1);
    }

    @Test
    void connectionDroppedBeforeAnyOutputIsRetried() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(OpenAiFixtures.stream("text.sse"));
        RecordingHandler handler = new RecordingHandler();

        retrying(2, Duration.ofSeconds(1)).stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.text()).startsWith("Sure");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void noFirstTokenWithinTheReadTimeoutIsATimeout() throws Exception {
        server.enqueue(OpenAiFixtures.stream("text.sse").setHeadersDelay(3, TimeUnit.SECONDS));
        RecordingHandler handler = new RecordingHandler();

        openai.stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.error().kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
        assertThat(handler.error().retryable()).isTrue();
    }

    @Test
    void malformedChunkBreaksTheStream() throws Exception {
        server.enqueue(new MockResponse()
                .setHeader("Content-Type", "text/event-stream")
                .setBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {oops\n\n"));
        RecordingHandler handler = new RecordingHandler();

        openai.stream(OpenAiFixtures.saying("hi"), handler);

        assertThat(handler.awaitTerminal(5000)).isTrue();
        assertThat(handler.text()).isEqualTo("Hi");
        assertThat(handler.error().kind()).isEqualTo(ProviderException.Kind.STREAM_BROKEN);
    }

    @Test
    void cancelStopsASlowStreamAtOnce() throws Exception {
        server.enqueue(OpenAiFixtures.stream("text.sse").throttleBody(300, 100, TimeUnit.MILLISECONDS));
        RecordingHandler handler = new RecordingHandler();

        ChatStream stream = openai.stream(OpenAiFixtures.saying("hi"), handler);
        assertThat(handler.awaitText(5000)).as("%s", handler.callbacks()).isTrue();
        stream.cancel();
        int seen = handler.callbacks().size();

        assertThat(handler.awaitTerminal(600)).isFalse();
        assertThat(handler.callbacks().size()).isLessThanOrEqualTo(seen + 1);
        assertThat(handler.terminals()).isEmpty();
    }
}
