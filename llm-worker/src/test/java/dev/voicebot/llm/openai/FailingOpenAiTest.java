package dev.voicebot.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.CircuitBreakingChatProvider;
import dev.voicebot.llm.provider.DeadlineChatProvider;
import dev.voicebot.llm.provider.ProviderException.Kind;
import dev.voicebot.llm.provider.RecordingHandler;
import dev.voicebot.llm.provider.RetryingChatProvider;
import dev.voicebot.service.resilience.BreakerSettings;
import dev.voicebot.service.resilience.CircuitBreaker;
import dev.voicebot.service.resilience.CircuitBreaker.State;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's provider chain (breaker → deadline → retries → OpenAI client) against a loopback
 * server that hangs, stalls, fails and refuses connections.
 */
class FailingOpenAiTest {

    private static final Duration FIRST_OUTPUT = Duration.ofMillis(1500);
    private static final Duration STALL = Duration.ofMillis(400);
    private static final Duration OPEN_FOR = Duration.ofMillis(500);
    /** The client's own read timeout, far beyond the deadline: the deadline must be what fires. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callbacks = Executors.newVirtualThreadPerTaskExecutor();
    private final CircuitBreaker breaker = new CircuitBreaker("llm/openai", new BreakerSettings(3, 1.0, 10, OPEN_FOR));

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        scheduler.shutdownNow();
        callbacks.shutdownNow();
        server.shutdown();
    }

    private ChatProvider chain(String baseUrl) {
        OpenAiChatProvider openai =
                new OpenAiChatProvider(OpenAiFixtures.settings(baseUrl, READ_TIMEOUT), new OkHttpClient());
        ChatProvider retrying =
                new RetryingChatProvider(openai, 1, Duration.ofMillis(20), Duration.ofMillis(100), scheduler);
        return new CircuitBreakingChatProvider(
                new DeadlineChatProvider(retrying, FIRST_OUTPUT, STALL, scheduler), breaker, callbacks);
    }

    private ChatProvider chain() {
        return chain(server.url("/v1/").toString());
    }

    private static RecordingHandler ask(ChatProvider provider) throws InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        provider.stream(OpenAiFixtures.saying("hi"), handler);
        assertThat(handler.awaitTerminal(10_000)).as("%s", handler.callbacks()).isTrue();
        return handler;
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheDeadlineNotTheReadTimeout() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        long started = System.nanoTime();

        RecordingHandler handler = ask(chain());

        assertThat(handler.error().kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(handler.error().getMessage()).contains("no reply within 1500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READ_TIMEOUT);
    }

    @Test
    void aStreamThatStallsMidReplyIsGivenUpAfterTheStallTimeout() throws Exception {
        String stream = OpenAiFixtures.resource("text.sse");
        int firstEvents = 0;
        for (int event = 0; event < 3; event++) {
            firstEvents = stream.indexOf("\n\n", firstEvents) + 2;
        }
        try (StallingServer stalling = new StallingServer(stream.substring(0, firstEvents))) {
            RecordingHandler handler = ask(chain(stalling.baseUrl()));

            assertThat(handler.text()).as("%s", handler.callbacks()).isEqualTo("Sure, I can");
            assertThat(handler.error().kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(handler.error().getMessage()).contains("stalled");
        }
    }

    /** Answers one request with the start of an event stream, then sends nothing more until closed. */
    private static final class StallingServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        StallingServer(String events) throws IOException {
            thread = Thread.ofVirtual().start(() -> {
                try (Socket client = socket.accept()) {
                    var in = new BufferedReader(new InputStreamReader(client.getInputStream()));
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        // the request's headers; its body is never read
                    }
                    var out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + events)
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(60_000);
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            });
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }

        @Override
        public void close() throws IOException {
            thread.interrupt();
            socket.close();
        }
    }

    @Test
    void theBreakerOpensAfterThreeFailedRepliesThenFailsFastWithoutAskingTheServer() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.enqueue(OpenAiFixtures.error(500, "error_500.json"));
        }
        ChatProvider provider = chain();
        for (int i = 0; i < 3; i++) {
            assertThat(ask(provider).error().kind()).isEqualTo(Kind.SERVER);
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        int asked = server.getRequestCount();

        RecordingHandler fastFailure = ask(provider);

        assertThat(fastFailure.error().kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(fastFailure.callbacks().getFirst().thread())
                .isNotEqualTo(Thread.currentThread().getName());
        assertThat(server.getRequestCount()).isEqualTo(asked);
    }

    @Test
    void afterTheCoolDownOneGoodTrialClosesTheBreaker() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.enqueue(new MockResponse().setResponseCode(429).setBody("{}"));
        }
        ChatProvider provider = chain();
        for (int i = 0; i < 3; i++) {
            assertThat(ask(provider).error().kind()).isEqualTo(Kind.RATE_LIMITED);
        }
        assertThat(ask(provider).error().kind()).isEqualTo(Kind.UNAVAILABLE);

        Thread.sleep(OPEN_FOR.toMillis() + 50);
        server.enqueue(OpenAiFixtures.stream("text.sse"));
        RecordingHandler trial = ask(provider);

        assertThat(trial.terminals()).extracting(c -> c.kind()).containsExactly("complete");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void refusedConnectionsCountAgainstTheProvider() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChatProvider provider = chain("http://127.0.0.1:" + closedPort + "/v1");
        for (int i = 0; i < 3; i++) {
            assertThat(ask(provider).error().kind()).isEqualTo(Kind.CONNECTION);
        }

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aRequestTheProviderRightlyRefusesLeavesTheBreakerAlone() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"error\":{\"message\":\"bad\"}}"));
        }
        ChatProvider provider = chain();
        for (int i = 0; i < 5; i++) {
            assertThat(ask(provider).error().kind()).isEqualTo(Kind.INVALID_REQUEST);
        }

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }
}
