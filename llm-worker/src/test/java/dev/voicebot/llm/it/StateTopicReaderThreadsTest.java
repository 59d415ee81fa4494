package dev.voicebot.llm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.llm.kafka.StateTopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The snapshots read from the state topic on a real broker when a partition moves between two
 * consumer threads of one worker: the thread that gave the partition up forgets only what it had
 * loaded itself, so the snapshot the other thread just loaded is still there for the call.
 */
class StateTopicReaderThreadsTest {

    @Test
    void aSnapshotLoadedByTheNewThreadSurvivesTheOldThreadReleasingThePartition() throws Exception {
        createTopics();
        String call = "CA" + UUID.randomUUID().toString().replace("-", "");
        int partition = Utils.toPositive(Utils.murmur2(call.getBytes(StandardCharsets.UTF_8))) % WorkerApp.PARTITIONS;
        try (KafkaProducer<String, byte[]> producer = WorkerApp.producer()) {
            producer.send(new ProducerRecord<>(Topics.CONVERSATION_STATE, call, snapshot(call)))
                    .get(10, TimeUnit.SECONDS);
        }
        StateTopicReader reader = new StateTopicReader(
                StateTopicReaderThreadsTest::consumer, Duration.ofHours(1), Duration.ofSeconds(15), Clock.systemUTC());
        ExecutorService newOwner = Executors.newSingleThreadExecutor();
        ExecutorService oldOwner = Executors.newSingleThreadExecutor();
        try {
            newOwner.submit(() -> reader.load(Set.of(partition), Topics.SPEECH)).get();
            oldOwner.submit(() -> reader.release(Set.of(partition))).get();

            assertThat(reader.take(call)).as("the call's snapshot").isPresent();
        } finally {
            newOwner.shutdownNow();
            oldOwner.shutdownNow();
        }
    }

    private static byte[] snapshot(String call) {
        return ("{\"v\":1,\"callSid\":\"" + call + "\",\"context\":{\"callSid\":\"" + call
                        + "\",\"direction\":\"INBOUND\",\"sampleRate\":8000},\"started\":true,\"turn\":2,"
                        + "\"history\":[],\"updatedAt\":" + System.currentTimeMillis() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, WorkerApp.bootstrap()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, WorkerApp.bootstrap()))) {
            for (String topic : List.of(Topics.SPEECH, Topics.CONVERSATION_STATE)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, WorkerApp.PARTITIONS, (short) 1)))
                            .all()
                            .get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
