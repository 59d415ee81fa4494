package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code kill -9} of the LLM worker in the middle of a reply: the worker that gets its partitions answers the turn
 * from the snapshot saved when the turn began, at once, without waiting for the caller to speak again. Two worker
 * JVMs from the packaged jar share the group, on a broker JVM of their own ({@link WorkerJvms}); the call is one the
 * first holds, and an OpenAI-compatible loopback server never answers the first worker's request for the reply. The
 * second gets the partitions once the group coordinator misses the dead worker's heartbeats (service-kit: 6 s).
 */
@Isolated("starts a broker and two worker JVMs, and times a failover: other tests' calls would suffer and slow it")
class LlmWorkerKilledMidReplyE2ETest {

    private static final String ANSWER = "Here is the slow answer.";

    private final MockWebServer openai = new MockWebServer();
    private final AtomicInteger replyAsked = new AtomicInteger();
    private WorkerJvms jvms;

    @BeforeEach
    void start() throws Exception {
        openai.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!request.getBody().readUtf8().contains("the slow one")) {
                    return stream("Hello.");
                }
                return replyAsked.incrementAndGet() == 1
                        ? new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)
                        : stream(ANSWER);
            }
        });
        openai.start();
        jvms = new WorkerJvms(
                WorkerGroups.Kind.LLM, List.of(Topics.CALL_EVENTS, Topics.SPEECH), "llm-killed-mid-reply");
    }

    @AfterEach
    void stop() throws Exception {
        jvms.close();
        openai.shutdown();
    }

    @Test
    void theNextOwnerAnswersTheTurnAKilledWorkerLeftUnfinished() throws Exception {
        ServiceProcess first = startWorker("llm-worker-a");
        startWorker("llm-worker-b");
        String route = jvms.createRoute("e2e-llm-kill");
        jvms.readFromEnd(List.of(Topics.BOT_SEGMENTS, route));
        String call = jvms.callHeldBy("llm-worker-a", 2);

        jvms.send(Topics.CALL_EVENTS, WorkerJvms.inboundCall(call, route), route);
        jvms.await(call, e -> e instanceof BotSegment s && s.turn() == 1 && s.last());
        jvms.send(Topics.CALL_EVENTS, new MarkPlayed(call, "turn-1", 1, now()), route);
        jvms.send(Topics.SPEECH, new Transcript(call, "give me the slow one", true, 0.9, 0, 900, now()), route);
        BotSegment filler = (BotSegment) jvms.await(call, e -> e instanceof BotSegment s && s.turn() == 2)
                .event();

        long killed = System.nanoTime();
        first.kill();
        assertThat(first.awaitExit(Duration.ofSeconds(10))).isTrue();

        jvms.await(call, e -> e instanceof TurnCancelled c && c.turn() == 2);
        jvms.await(call, e -> e instanceof ClearAudio c && c.turn() == 2);
        WorkerJvms.Received answer = jvms.await(call, e -> e instanceof BotSegment s && s.turn() == 3 && s.last());
        System.out.printf(
                "e2e: LLM worker killed mid-reply; the next owner's answer on the bot topic %.1f s after the kill%n",
                (answer.nanos() - killed) / 1e9);
        assertThat(((BotSegment) answer.event()).text()).isEqualTo(ANSWER);
        assertThat(replyAsked).hasValue(2);
        assertThat(jvms.events(call).stream().filter(e -> e instanceof BotSegment s && s.turn() == 2))
                .containsExactly(filler);
    }

    private ServiceProcess startWorker(String name) throws Exception {
        return jvms.start(
                name,
                "LLM_WORKER_PORT",
                Map.of(
                        "LLM_PROVIDER", "openai",
                        "OPENAI_BASE_URL", openai.url("/v1").toString(),
                        "OPENAI_API_KEY", "sk-e2e-test",
                        "LLM_FILLER_DELAY", "300ms",
                        "LLM_FIRST_OUTPUT_TIMEOUT", "60s",
                        "LLM_IDLE_TIMEOUT", "120s"));
    }

    private static MockResponse stream(String text) {
        String chunk = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + text
                + "\"},\"finish_reason\":null}]}";
        String end = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
        return new MockResponse()
                .setHeader("Content-Type", "text/event-stream")
                .setBody("data: " + chunk + "\n\ndata: " + end + "\n\ndata: [DONE]\n\n");
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
