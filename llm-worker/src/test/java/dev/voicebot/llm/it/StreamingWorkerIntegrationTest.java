package dev.voicebot.llm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.EndCall;
import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.llm.provider.ToolSpec;
import dev.voicebot.llm.tools.AgentTool;
import dev.voicebot.llm.tools.ToolCallContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker with the OpenAI-compatible provider, against a loopback server streaming the
 * documented chunks: barge-in mid-stream, tools, and a failing provider.
 */
class StreamingWorkerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer openai = new MockWebServer();
    private static ConfigurableApplicationContext worker;
    private static KafkaProbe probe;
    private static KafkaProducer<String, byte[]> producer;
    private static String route;

    /**
     * An application tool, as a Spring bean. Not a {@code @Configuration}, so other tests' workers
     * never scan it; this test registers it as a source.
     */
    static class ClinicTools {
        @Bean
        AgentTool clinicHours() {
            return new AgentTool() {
                @Override
                public ToolSpec spec() {
                    return new ToolSpec("clinic_hours", "Today's opening hours of the clinic.", null);
                }

                @Override
                public String call(String argumentsJson, ToolCallContext context) {
                    return "{\"open\":\"9:00\",\"close\":\"19:00\"}";
                }
            };
        }
    }

    @BeforeAll
    static void start() throws IOException {
        openai.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(JSON.readTree(request.getBody().readUtf8()));
            }
        });
        openai.start();
        route = WorkerApp.routeTopic("it-stream-" + UUID.randomUUID().toString().substring(0, 8));
        worker = WorkerApp.start(
                List.of(ClinicTools.class),
                "llm-it-stream-" + UUID.randomUUID(),
                WorkerApp.PARTITIONS * 2,
                "voicebot.llm.provider=openai",
                "voicebot.llm.openai.base-url=" + openai.url("/v1"),
                "voicebot.llm.openai.api-key=sk-test-key",
                "voicebot.llm.retry.max-retries=1",
                "voicebot.llm.retry.backoff=50ms");
        probe = new KafkaProbe(WorkerApp.bootstrap(), List.of(Topics.BOT_SEGMENTS, route));
        producer = WorkerApp.producer();
    }

    @AfterAll
    static void stop() throws IOException {
        producer.close();
        probe.close();
        worker.close();
        openai.shutdown();
    }

    /** Answers by the last message: the opening streams slowly, other prompts map to fixtures. */
    private static MockResponse answer(JsonNode body) {
        JsonNode messages = body.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String content = last.path("content").asString("");
        if (last.path("role").asString().equals("tool")) {
            return OpenAiStreams.sse(OpenAiStreams.chunks("We're open from nine to seven today."));
        }
        if (content.contains("call has just connected")) {
            return OpenAiStreams.sse(fixture("text.sse")).throttleBody(120, 100, TimeUnit.MILLISECONDS);
        }
        if (content.contains("goodbye")) {
            return OpenAiStreams.sse(fixture("tool_call.sse"));
        }
        if (content.contains("hours")) {
            return OpenAiStreams.sse(toolCall("clinic_hours"));
        }
        return new MockResponse()
                .setResponseCode(401)
                .setHeader("Content-Type", "application/json")
                .setBody(fixture("error_401.json"));
    }

    private static String toolCall(String name) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_7\","
                + "\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\"{}\"}}]},"
                + "\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n";
    }

    private static String fixture(String name) {
        try (InputStream in = StreamingWorkerIntegrationTest.class.getResourceAsStream("/openai/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(String topic, VoicebotEvent event) {
        WorkerApp.send(producer, topic, event, route);
    }

    private static String turnText(String callSid, int turn) {
        probe.awaitEvent(Topics.BOT_SEGMENTS, callSid, BotSegment.class, s -> s.turn() == turn && s.last(), WAIT);
        return String.join(
                " ",
                probe.events(Topics.BOT_SEGMENTS, callSid, BotSegment.class).stream()
                        .filter(s -> s.turn() == turn)
                        .map(BotSegment::text)
                        .toList());
    }

    @Test
    void speechCancelsTheStreamingTurnAndNothingMoreOfItIsPublished() throws InterruptedException {
        String call = Calls.newCallSid();
        send(Topics.CALL_EVENTS, Calls.inbound(call, route));
        BotSegment first = probe.awaitEvent(Topics.BOT_SEGMENTS, call, BotSegment.class, s -> s.turn() == 1, WAIT);
        assertThat(first.text()).isEqualTo("Sure, I can help with that.");
        assertThat(first.last()).isFalse();

        send(Topics.SPEECH, Calls.speechStarted(call));

        TurnCancelled cancelled =
                probe.awaitEvent(Topics.BOT_SEGMENTS, call, TurnCancelled.class, e -> e.turn() == 1, WAIT);
        assertThat(probe.awaitEvent(route, call, ClearAudio.class, e -> true, WAIT)
                        .turn())
                .isEqualTo(1);
        Thread.sleep(2500); // the rest of the stream would have arrived by now
        List<BotSegment> turnOne = probe.events(Topics.BOT_SEGMENTS, call, BotSegment.class);
        assertThat(turnOne).containsExactly(first);
        assertThat(cancelled.at()).isGreaterThanOrEqualTo(first.at());
    }

    @Test
    void endCallToolFromTheModelEndsTheCallAfterItsGoodbye() {
        String call = Calls.newCallSid();
        send(Topics.CALL_EVENTS, Calls.inbound(call, route));

        send(Topics.SPEECH, Calls.said(call, "That's all, goodbye"));

        assertThat(turnText(call, 2)).isEqualTo("Goodbye, take care!");
        EndCall end = probe.awaitEvent(route, call, EndCall.class, e -> true, WAIT);
        assertThat(end.reason()).isEqualTo("goodbye");
        assertThat(end.afterPlayback()).isTrue();
    }

    @Test
    void applicationToolResultFeedsTheNextRound() {
        String call = Calls.newCallSid();
        send(Topics.CALL_EVENTS, Calls.inbound(call, route));

        send(Topics.SPEECH, Calls.said(call, "What are your hours today?"));

        assertThat(turnText(call, 2)).isEqualTo("We're open from nine to seven today.");
    }

    @Test
    void failingProviderSpeaksTheFallbackAndReportsIt() {
        String call = Calls.newCallSid();
        send(Topics.CALL_EVENTS, Calls.inbound(call, route));

        send(Topics.SPEECH, Calls.said(call, "Something else entirely"));

        assertThat(turnText(call, 2)).isEqualTo("Sorry, I'm having trouble right now. Could you say that again?");
        ProviderFailed failed = probe.awaitEvent(Topics.BOT_SEGMENTS, call, ProviderFailed.class, e -> true, WAIT);
        assertThat(failed.service()).isEqualTo("llm");
        assertThat(failed.provider()).isEqualTo("openai");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.detail()).startsWith("AUTHENTICATION").doesNotContain("sk-test-key");
    }
}
