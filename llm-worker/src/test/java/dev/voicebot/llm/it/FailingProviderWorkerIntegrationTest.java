package dev.voicebot.llm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.SegmentKind;
import dev.voicebot.common.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker on a real broker with an OpenAI-compatible server that is slow, hangs or fails: the
 * caller's turn gets a filler and then the answer, or the filler and then the apology, never
 * nothing; once the provider keeps failing its breaker opens and the apology comes at once. The
 * breaker scenario runs last: it leaves the provider's breaker open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailingProviderWorkerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FALLBACK = "Sorry, I'm having trouble right now. Could you say that again?";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MockWebServer openai = new MockWebServer();
    private static final Queue<JsonNode> requests = new ConcurrentLinkedQueue<>();
    private static ConfigurableApplicationContext worker;
    private static KafkaProbe probe;
    private static KafkaProducer<String, byte[]> producer;
    private static String route;

    @BeforeAll
    static void start() throws IOException {
        openai.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                JsonNode body = JSON.readTree(request.getBody().readUtf8());
                requests.add(body);
                return answer(body);
            }
        });
        openai.start();
        route = WorkerApp.routeTopic(
                "it-failing-" + UUID.randomUUID().toString().substring(0, 8));
        worker = WorkerApp.start(
                List.of(),
                "llm-it-failing-" + UUID.randomUUID(),
                WorkerApp.PARTITIONS * 2,
                "voicebot.llm.provider=openai",
                "voicebot.llm.openai.base-url=" + openai.url("/v1"),
                "voicebot.llm.openai.api-key=sk-test-key",
                "voicebot.llm.retry.max-retries=0",
                "voicebot.llm.filler-delay=400ms",
                "voicebot.llm.deadline.first-output=2s",
                "voicebot.breaker.consecutive-failures=3",
                "voicebot.breaker.open-for=60s");
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

    private static MockResponse answer(JsonNode body) {
        JsonNode messages = body.path("messages");
        String content = messages.get(messages.size() - 1).path("content").asString("");
        if (content.contains("slow")) {
            return OpenAiStreams.sse(OpenAiStreams.chunks("Here is the slow answer."))
                    .setHeadersDelay(1200, TimeUnit.MILLISECONDS);
        }
        if (content.contains("hang")) {
            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
        }
        if (content.contains("broken")) {
            return new MockResponse().setResponseCode(503).setBody("{\"error\":{\"message\":\"overloaded\"}}");
        }
        return OpenAiStreams.sse(OpenAiStreams.chunks("Hello."));
    }

    private static void send(String topic, VoicebotEvent event) {
        WorkerApp.send(producer, topic, event, route);
    }

    private static String startCall() {
        String call = Calls.newCallSid();
        send(Topics.CALL_EVENTS, Calls.inbound(call, route));
        probe.awaitEvent(Topics.BOT_SEGMENTS, call, BotSegment.class, s -> s.turn() == 1 && s.last(), WAIT);
        return call;
    }

    /** The turn's segments as received, with the kind each was marked with. */
    private static List<String> turn(String call, int turn) {
        probe.awaitEvent(Topics.BOT_SEGMENTS, call, BotSegment.class, s -> s.turn() == turn && s.last(), WAIT);
        return probe.of(Topics.BOT_SEGMENTS, call).stream()
                .filter(r -> r.isEvent() && r.event() instanceof BotSegment s && s.turn() == turn)
                .map(r -> r.segmentKind() + ":" + ((BotSegment) r.event()).text())
                .toList();
    }

    @Test
    @Order(1)
    void aSlowReplyIsPrecededByOneFillerThatStaysOutOfTheHistory() {
        String call = startCall();

        long sent = System.nanoTime();
        send(Topics.SPEECH, Calls.said(call, "give me the slow one"));

        assertThat(turn(call, 2)).containsExactly("FILLER:One moment.", "ANSWER:Here is the slow answer.");
        System.out.printf(
                "slow provider (1200 ms): filler on the bot topic %d ms, answer %d ms after the transcript%n",
                millisUntil(call, SegmentKind.FILLER, sent), millisUntil(call, SegmentKind.ANSWER, sent));
        send(Topics.CALL_EVENTS, Calls.played(call, 2));
        send(Topics.SPEECH, Calls.said(call, "and now?"));
        turn(call, 3);
        JsonNode history = requests.stream()
                .filter(r -> r.toString().contains("and now?"))
                .findFirst()
                .orElseThrow()
                .path("messages");
        assertThat(history.toString()).contains("Here is the slow answer.").doesNotContain("One moment.");
    }

    @Test
    @Order(2)
    void aHangingProviderGetsTheFillerThenTheApologyAtTheDeadline() {
        String call = startCall();
        long sent = System.nanoTime();

        send(Topics.SPEECH, Calls.said(call, "this will hang"));

        assertThat(turn(call, 2)).containsExactly("FILLER:One moment.", "FALLBACK:" + FALLBACK);
        System.out.printf(
                "provider hang: apology segment on the bot topic %d ms after the transcript%n",
                millisUntil(call, SegmentKind.FALLBACK, sent));
        ProviderFailed failed = probe.awaitEvent(Topics.BOT_SEGMENTS, call, ProviderFailed.class, e -> true, WAIT);
        assertThat(failed.detail()).startsWith("TIMEOUT");
    }

    @Test
    @Order(3)
    void aProviderThatKeepsFailingIsNoLongerAskedAndTheApologyComesAtOnce() {
        String call = startCall();
        int turn = 1;
        String detail;
        do {
            turn++;
            send(Topics.SPEECH, Calls.said(call, "broken again"));
            // a failure that takes longer than the filler delay (retries on a loaded machine) is
            // preceded by the filler; either way the turn ends with the apology
            assertThat(turn(call, turn)).endsWith("FALLBACK:" + FALLBACK).hasSizeLessThanOrEqualTo(2);
            detail = failures(call, turn - 1).getLast().detail();
        } while (!detail.startsWith("UNAVAILABLE") && turn < 6);

        assertThat(detail).as("the breaker opened after 3 failures").startsWith("UNAVAILABLE");
        assertThat(turn).isEqualTo(5);
        int askedBefore = openai.getRequestCount();
        long sent = System.nanoTime();
        send(Topics.SPEECH, Calls.said(call, "broken once more"));
        assertThat(turn(call, turn + 1)).containsExactly("FALLBACK:" + FALLBACK);
        System.out.printf(
                "breaker open: apology segment on the bot topic %d ms after the transcript%n",
                millisUntil(call, turn + 1, sent));
        assertThat(openai.getRequestCount()).isEqualTo(askedBefore);
    }

    /** Milliseconds from {@code sentNanos} until the call's first segment of that kind arrived. */
    private static long millisUntil(String call, SegmentKind kind, long sentNanos) {
        return millisUntil(call, r -> r.segmentKind() == kind, sentNanos);
    }

    /** Milliseconds from {@code sentNanos} until the call's first segment of that turn arrived. */
    private static long millisUntil(String call, int turn, long sentNanos) {
        return millisUntil(call, r -> r.event() instanceof BotSegment s && s.turn() == turn, sentNanos);
    }

    private static long millisUntil(String call, Predicate<KafkaProbe.Received> segment, long sentNanos) {
        KafkaProbe.Received first = probe.of(Topics.BOT_SEGMENTS, call).stream()
                .filter(r -> r.isEvent() && r.event() instanceof BotSegment && r.receivedNanos() > sentNanos)
                .filter(segment)
                .findFirst()
                .orElseThrow();
        return TimeUnit.NANOSECONDS.toMillis(first.receivedNanos() - sentNanos);
    }

    /** Waits until the call has {@code count} provider failures on the bot topic. */
    private static List<ProviderFailed> failures(String call, int count) {
        return Awaitility.await()
                .atMost(WAIT)
                .until(() -> probe.events(Topics.BOT_SEGMENTS, call, ProviderFailed.class), f -> f.size() >= count);
    }
}
