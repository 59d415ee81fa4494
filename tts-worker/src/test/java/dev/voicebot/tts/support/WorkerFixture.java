package dev.voicebot.tts.support;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Plays the LLM worker and the gateway around a running TTS worker, on the real test broker. */
public final class WorkerFixture implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaTestBroker.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG,
                    0),
            new StringSerializer(),
            new ByteArraySerializer());

    /** Creates a gateway route topic of one partition. */
    public static String createRoute(String gatewayId) throws Exception {
        String route = Topics.gatewayRoute(gatewayId);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(route, 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return route;
    }

    /** Waits until the worker's consumer owns every partition of the segment topic, so that nothing sent is missed. */
    public static void awaitWorkerListening(KafkaListenerEndpointRegistry registry) {
        MessageListenerContainer container = registry.getListenerContainer("tts-segments");
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> container.getAssignedPartitions() != null
                        && !container.getAssignedPartitions().isEmpty()
                        && container.getAssignedPartitions().size() == partitionsOf(Topics.BOT_SEGMENTS));
    }

    private static int partitionsOf(String topic) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(20, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    public void segment(String route, String callSid, int turn, int sequence, String text, boolean last, int rate)
            throws Exception {
        send(new BotSegment(callSid, turn, sequence, text, last, rate, System.currentTimeMillis()), route);
    }

    public void cancel(String route, String callSid, int turn) throws Exception {
        send(new TurnCancelled(callSid, turn, System.currentTimeMillis()), route);
    }

    public void send(VoicebotEvent event, String route) throws Exception {
        ProducerRecord<String, byte[]> record = EventRecords.of(Topics.BOT_SEGMENTS, event, route);
        RecordHeaderValues.put(record.headers(), HeaderNames.TURN_STARTED_AT, 1_700_000_000_000_000L);
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    public void sendRaw(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    public static List<AudioRecord> audio(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(AudioRecord::from).toList();
    }

    /** Whether the records include the last one of {@code turn}. */
    public static boolean turnEnded(List<ConsumerRecord<String, byte[]>> records, int turn) {
        return audio(records).stream().anyMatch(a -> a.turn() == turn && a.last());
    }

    @Override
    public void close() {
        producer.close();
    }
}
