package dev.voicebot.llm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker that stops in the middle of a reply hands the call over on a real broker: the worker
 * that takes its partitions answers the caller's turn again at once, with no new input from the
 * caller, and cuts what the first one had published of it.
 */
class HandOverIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ANSWER = "Here is the slow answer.";

    private final MockWebServer openai = new MockWebServer();
    private final AtomicInteger slowAsked = new AtomicInteger();
    private final String group = "llm-it-handover-" + UUID.randomUUID();
    private String route;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private KafkaProbe probe;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void start() throws IOException {
        openai.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().readUtf8();
                if (!body.contains("the slow one")) {
                    return OpenAiStreams.sse(OpenAiStreams.chunks("Hello."));
                }
                // the first worker is stopped while it waits for this; the second is answered at once
                return slowAsked.incrementAndGet() == 1
                        ? new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)
                        : OpenAiStreams.sse(OpenAiStreams.chunks(ANSWER));
            }
        });
        openai.start();
        route = WorkerApp.routeTopic(
                "it-handover-" + UUID.randomUUID().toString().substring(0, 8));
        first = startWorker();
        probe = new KafkaProbe(WorkerApp.bootstrap(), List.of(Topics.BOT_SEGMENTS, route));
        producer = WorkerApp.producer();
    }

    private ConfigurableApplicationContext startWorker() {
        return WorkerApp.start(
                List.of(),
                group,
                WorkerApp.PARTITIONS * 2,
                "voicebot.llm.provider=openai",
                "voicebot.llm.openai.base-url=" + openai.url("/v1"),
                "voicebot.llm.openai.api-key=sk-test-key",
                "voicebot.llm.retry.max-retries=0",
                "voicebot.llm.filler-delay=300ms",
                "voicebot.llm.deadline.first-output=20s");
    }

    @AfterEach
    void stop() throws IOException {
        producer.close();
        probe.close();
        if (second != null) {
            second.close();
        }
        if (first.isActive()) {
            first.close();
        }
        openai.shutdown();
    }

    @Test
    void aReplyLeftUnfinishedByAStoppedWorkerIsAnsweredByTheNextOwner() {
        String call = Calls.newCallSid();
        send(Topics.CALL_EVENTS, Calls.inbound(call, route));
        probe.awaitEvent(Topics.BOT_SEGMENTS, call, BotSegment.class, s -> s.turn() == 1 && s.last(), WAIT);
        send(Topics.CALL_EVENTS, Calls.played(call, 1));
        send(Topics.SPEECH, Calls.said(call, "give me the slow one"));
        BotSegment filler = probe.awaitEvent(Topics.BOT_SEGMENTS, call, BotSegment.class, s -> s.turn() == 2, WAIT);
        assertThat(filler.last()).isFalse();

        long stopping = System.nanoTime();
        first.close();
        long stopped = System.nanoTime();
        second = startWorker();
        long assigned = System.nanoTime();

        assertThat(probe.awaitEvent(Topics.BOT_SEGMENTS, call, TurnCancelled.class, e -> e.turn() == 2, WAIT))
                .isNotNull();
        assertThat(probe.awaitEvent(route, call, ClearAudio.class, e -> e.turn() == 2, WAIT))
                .isNotNull();
        BotSegment answer = probe.awaitEvent(Topics.BOT_SEGMENTS, call, BotSegment.class, s -> s.turn() == 3, WAIT);
        assertThat(answer.text()).isEqualTo(ANSWER);
        assertThat(answer.last()).isTrue();
        long answered = probe.of(Topics.BOT_SEGMENTS, call).stream()
                .filter(r -> r.isEvent() && r.event().equals(answer))
                .findFirst()
                .orElseThrow()
                .receivedNanos();
        System.out.printf(
                "hand-over mid-reply: first worker stopped in %d ms; the answer on the bot topic %d ms after the"
                        + " second worker's consumers settled (%d ms after the stop began)%n",
                (stopped - stopping) / 1_000_000, (answered - assigned) / 1_000_000, (answered - stopping) / 1_000_000);
        assertThat(slowAsked).hasValue(2);
        assertThat(probe.events(Topics.BOT_SEGMENTS, call, BotSegment.class))
                .as("the first worker published nothing more of the turn it left")
                .filteredOn(s -> s.turn() == 2)
                .containsExactly(filler);
    }

    private void send(String topic, VoicebotEvent event) {
        WorkerApp.send(producer, topic, event, route);
    }
}
