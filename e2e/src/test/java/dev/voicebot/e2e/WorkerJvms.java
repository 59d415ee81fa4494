package dev.voicebot.e2e;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.RecordKind;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A broker JVM and JVMs of one worker kind from its packaged jar, without the rest of the pipeline: the test sends
 * records as the neighbouring services would and reads what the workers publish, so it can kill a worker at an exact
 * point of a call. Separate from the shared pipeline of the other tests.
 */
final class WorkerJvms implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 4;
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED");

    /** One record as read, with when it arrived. */
    record Received(VoicebotEvent event, long nanos) {}

    private final WorkerGroups.Kind kind;
    private final Path work;
    private final BrokerProcess broker;
    private final KafkaProducer<String, byte[]> producer;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    /**
     * Starts the broker, creates the worker's input topics and commits its group's offsets at their (empty) start: a
     * new group resets to the latest record a moment after it is assigned, and a call's first record must not fall
     * in between.
     */
    WorkerJvms(WorkerGroups.Kind kind, List<String> inputTopics, String folder) throws Exception {
        this.kind = kind;
        this.work = Path.of(System.getProperty("voicebot.e2e.work", "target/e2e"))
                .toAbsolutePath()
                .resolve(folder);
        this.broker = BrokerProcess.start(work.resolve("kafka"));
        ServiceJars.copy(kind.service, work.resolve("apps"));
        try (Admin admin = admin()) {
            admin.createTopics(inputTopics.stream()
                            .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (String topic : inputTopics) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    start.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
                }
            }
            admin.alterConsumerGroupOffsets(kind.group(), start).all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        "0"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Starts an instance with {@code env} on top of the broker, its port, its name and the partition count. */
    ServiceProcess start(String name, String portVariable, Map<String, String> env) throws Exception {
        int port = freePort();
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        all.put(portVariable, Integer.toString(port));
        all.put("VOICEBOT_INSTANCE_ID", name);
        all.put("VOICEBOT_KAFKA_PARTITIONS", Integer.toString(PARTITIONS));
        ServiceProcess worker = ServiceProcess.start(
                name,
                work.resolve("apps").resolve(kind.service + ".jar"),
                port,
                all,
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

    /** A new call sid whose partition {@code instance} holds, once {@code instances} instances share the group. */
    String callHeldBy(String instance, int instances) throws Exception {
        try (WorkerGroups groups = new WorkerGroups(broker.bootstrapServers())) {
            groups.awaitInstances(List.of(kind), instances, WAIT);
            while (true) {
                String call = "CA" + UUID.randomUUID().toString().replace("-", "");
                if (groups.awaitHolder(kind, call, WAIT).equals(instance)) {
                    return call;
                }
            }
        }
    }

    String createRoute(String gatewayId) throws Exception {
        String route = Topics.gatewayRoute(gatewayId);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(route, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return route;
    }

    /** Reads the events on these topics from their current ends, on a thread of its own. */
    void readFromEnd(List<String> topics) {
        KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            reading.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        reading.assign(partitions);
        reading.seekToEnd(partitions);
        partitions.forEach(reading::position);
        consumer = reading;
        reader = Thread.ofPlatform().daemon().name("e2e-worker-jvms-reader").start(() -> {
            try (reading) {
                while (true) {
                    for (var record : reading.poll(Duration.ofMillis(50))) {
                        String kindHeader = RecordHeaderValues.text(record.headers(), HeaderNames.KIND);
                        if (record.value() != null && !RecordKind.AUDIO.wire().equals(kindHeader)) {
                            received.add(new Received(EventCodec.decode(record.value()), System.nanoTime()));
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            }
        });
    }

    /** Waits for the first event of the call that matches. */
    Received await(String call, Predicate<VoicebotEvent> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                if (r.event().callSid().equals(call) && match.test(r.event())) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing matching for call " + call + " within " + WAIT + "; got " + events(call));
    }

    /** The call's events read so far, in order. */
    List<VoicebotEvent> events(String call) {
        return received.stream()
                .map(Received::event)
                .filter(e -> e.callSid().equals(call))
                .toList();
    }

    /** The gateway's start of an inbound call at 8 kHz. */
    static CallStarted inboundCall(String call, String route) {
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
                System.currentTimeMillis());
    }

    void send(String topic, VoicebotEvent event, String route) throws Exception {
        send(EventRecords.of(topic, event, route));
    }

    void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        workers.forEach(ServiceProcess::kill);
        producer.close();
        if (consumer != null) {
            consumer.wakeup();
            reader.join(5000);
        }
        broker.close();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
