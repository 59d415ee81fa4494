package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the LLM worker in the middle of a reply: the worker that gets its partitions answers the turn
 * from the snapshot saved when the turn began, at once, without waiting for the caller to speak again. Two worker
 * JVMs from the packaged jar share the group, on a broker JVM of their own; the call is one the first holds, and an
 * OpenAI-compatible loopback server never answers the first worker's request for the reply. The second gets the
 * partitions once the group coordinator misses the dead worker's heartbeats (service-kit: 6 s).
 */
class LlmWorkerKilledMidReplyE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ANSWER = "Here is the slow answer.";
    private static final int PARTITIONS = 4;
    private static final String GROUP = "llm-worker";
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

    private final Path work = Path.of(System.getProperty("voicebot.e2e.work", "target/e2e"))
            .toAbsolutePath()
            .resolve("llm-killed-mid-reply");
    private final MockWebServer openai = new MockWebServer();
    private final AtomicInteger replyAsked = new AtomicInteger();
    private final List<ServiceProcess> workers = new ArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private BrokerProcess broker;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    private record Received(VoicebotEvent event, long nanos) {}

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
        broker = BrokerProcess.start(work.resolve("kafka"));
        ServiceJars.copy("llm-worker", work.resolve("apps"));
        startGroupAtTheBeginning();
    }

    /**
     * Creates the worker's input topics and commits its group's offsets at their (empty) start: a new group
     * resets to the latest record a moment after it is assigned, and the call's first record must not fall in
     * between.
     */
    private void startGroupAtTheBeginning() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<String> inputs = List.of(Topics.CALL_EVENTS, Topics.SPEECH);
            admin.createTopics(inputs.stream()
                            .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (String topic : inputs) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    start.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
                }
            }
            admin.alterConsumerGroupOffsets(GROUP, start).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stop() throws Exception {
        workers.forEach(ServiceProcess::kill);
        if (consumer != null) {
            consumer.wakeup();
            reader.join(5000);
        }
        openai.shutdown();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theNextOwnerAnswersTheTurnAKilledWorkerLeftUnfinished() throws Exception {
        ServiceProcess first = startWorker("llm-worker-a");
        startWorker("llm-worker-b");
        String route = createRoute();
        readFromEnd(route);
        String call = callHeldBy("llm-worker-a");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.CALL_EVENTS, inboundCall(call, route), route);
            await(call, e -> e instanceof BotSegment s && s.turn() == 1 && s.last());
            send(producer, Topics.CALL_EVENTS, new MarkPlayed(call, "turn-1", 1, now()), route);
            send(
                    producer,
                    Topics.SPEECH,
                    new Transcript(call, "give me the slow one", true, 0.9, 0, 900, now()),
                    route);
        }
        BotSegment filler = (BotSegment)
                await(call, e -> e instanceof BotSegment s && s.turn() == 2).event();

        long killed = System.nanoTime();
        first.kill();
        assertThat(first.awaitExit(Duration.ofSeconds(10))).isTrue();

        await(call, e -> e instanceof TurnCancelled c && c.turn() == 2);
        await(call, e -> e instanceof ClearAudio c && c.turn() == 2);
        Received answer = await(call, e -> e instanceof BotSegment s && s.turn() == 3 && s.last());
        System.out.printf(
                "e2e: LLM worker killed mid-reply; the next owner's answer on the bot topic %.1f s after the kill%n",
                (answer.nanos() - killed) / 1e9);
        assertThat(((BotSegment) answer.event()).text()).isEqualTo(ANSWER);
        assertThat(replyAsked).hasValue(2);
        assertThat(events(call, BotSegment.class).stream().filter(s -> s.turn() == 2))
                .containsExactly(filler);
    }

    /** A new call sid whose partition the instance holds, once both workers share the group. */
    private String callHeldBy(String instance) throws Exception {
        try (WorkerGroups groups = new WorkerGroups(broker.bootstrapServers())) {
            groups.awaitInstances(List.of(WorkerGroups.Kind.LLM), 2, WAIT);
            while (true) {
                String call = "CA" + UUID.randomUUID().toString().replace("-", "");
                if (groups.awaitHolder(WorkerGroups.Kind.LLM, call, WAIT).equals(instance)) {
                    return call;
                }
            }
        }
    }

    private ServiceProcess startWorker(String name) throws Exception {
        int port = freePort();
        ServiceProcess worker = ServiceProcess.start(
                name,
                work.resolve("apps").resolve("llm-worker.jar"),
                port,
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        broker.bootstrapServers(),
                        "LLM_WORKER_PORT",
                        Integer.toString(port),
                        "VOICEBOT_INSTANCE_ID",
                        name,
                        "VOICEBOT_KAFKA_PARTITIONS",
                        Integer.toString(PARTITIONS),
                        "LLM_PROVIDER",
                        "openai",
                        "OPENAI_BASE_URL",
                        openai.url("/v1").toString(),
                        "OPENAI_API_KEY",
                        "sk-e2e-test",
                        "LLM_FILLER_DELAY",
                        "300ms",
                        "LLM_FIRST_OUTPUT_TIMEOUT",
                        "60s",
                        "LLM_IDLE_TIMEOUT",
                        "120s"),
                JVM_OPTIONS,
                work.resolve("logs"));
        workers.add(worker);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!worker.isHealthy()) {
            if (System.nanoTime() > deadline || !worker.isAlive()) {
                throw new IllegalStateException(name + " did not become healthy; see " + worker.log());
            }
            Thread.sleep(200);
        }
        return worker;
    }

    private String createRoute() throws Exception {
        String route = Topics.gatewayRoute("e2e-llm-kill");
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(route, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return route;
    }

    /** Reads the bot topic and the route topic from their current ends on a thread of its own. */
    private void readFromEnd(String route) {
        KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.BOT_SEGMENTS, route)) {
            reading.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        reading.assign(partitions);
        reading.seekToEnd(partitions);
        partitions.forEach(reading::position);
        consumer = reading;
        reader = Thread.ofPlatform().daemon().name("e2e-llm-kill-reader").start(() -> {
            try (reading) {
                while (true) {
                    for (var record : reading.poll(Duration.ofMillis(50))) {
                        if (record.value() != null) {
                            received.add(new Received(EventCodec.decode(record.value()), System.nanoTime()));
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            }
        });
    }

    private Received await(String call, Predicate<VoicebotEvent> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                if (r.event().callSid().equals(call) && match.test(r.event())) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing matching for call " + call + " within " + WAIT + "; got "
                + received.stream().map(Received::event).toList());
    }

    private <T> List<T> events(String call, Class<T> type) {
        return received.stream()
                .map(Received::event)
                .filter(e -> e.callSid().equals(call))
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private static CallStarted inboundCall(String call, String route) {
        return new CallStarted(
                call,
                "ST" + call,
                "AC-e2e",
                "+919876543210",
                "+918044556677",
                Map.of(),
                8000,
                CallDirection.INBOUND,
                route,
                now());
    }

    private static MockResponse stream(String text) {
        String chunk = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + text
                + "\"},\"finish_reason\":null}]}";
        String end = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
        return new MockResponse()
                .setHeader("Content-Type", "text/event-stream")
                .setBody("data: " + chunk + "\n\ndata: " + end + "\n\ndata: [DONE]\n\n");
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, VoicebotEvent event, String route)
            throws Exception {
        producer.send(EventRecords.of(topic, event, route)).get(30, TimeUnit.SECONDS);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
