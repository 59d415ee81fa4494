package dev.voicebot.llm.openai;

import dev.voicebot.llm.provider.AbstractChatProviderContractTest;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The OpenAI-compatible provider against a loopback server replaying recorded streams. */
class OpenAiChatProviderContractTest extends AbstractChatProviderContractTest {

    private final MockWebServer server = new MockWebServer();
    private ChatProvider provider;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().readUtf8();
                if (body.contains("please fail")) {
                    return OpenAiFixtures.error(401, "error_401.json");
                }
                return OpenAiFixtures.stream(body.contains("goodbye") ? "tool_call.sse" : "text.sse");
            }
        });
        server.start();
        provider = new OpenAiChatProvider(
                OpenAiFixtures.settings(server.url("/v1").toString(), Duration.ofSeconds(2)), new OkHttpClient());
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Override
    protected ChatProvider provider() {
        return provider;
    }

    @Override
    protected ChatRequest requestAnsweredWithText() {
        return OpenAiFixtures.saying("I want to book an appointment");
    }

    @Override
    protected ChatRequest requestAnsweredWithEndCall() {
        return OpenAiFixtures.saying("That's all, goodbye");
    }

    @Override
    protected Optional<ChatRequest> requestFailingPermanently() {
        return Optional.of(OpenAiFixtures.saying("please fail"));
    }
}
