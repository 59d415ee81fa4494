package dev.voicebot.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = ServiceKitKafkaTest.ListeningApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.kafka.consumer.group-id=service-kit-test", "voicebot.kafka.partitions=3"})
class ServiceKitKafkaTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
        registry.add("spring.kafka.consumer.auto-offset-reset", () -> "earliest");
    }

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    BlockingQueue<VoicebotEvent> decoded;

    @Autowired
    ConsumerFactory<String, byte[]> consumerFactory;

    @Autowired
    InstanceIdentity identity;

    @Test
    void consumersFailOverQuicklyAndCarryTheInstanceName() {
        assertThat(consumerFactory.getConfigurationProperties())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000")
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, identity.id());
    }

    @Autowired
    @Qualifier("kafkaConsumersHealthIndicator")
    HealthIndicator kafkaConsumers;

    @Autowired
    HealthEndpoint health;

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @Test
    void createsEverySharedTopicWithConfiguredPartitions() throws Exception {
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.SHARED);
            var description = admin.describeTopics(List.of(Topics.AUDIO_IN))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(Topics.AUDIO_IN);
            assertThat(description.partitions()).hasSize(3);
        }
    }

    @Test
    void anUndecodableRecordGoesToDeadLettersAndTheNextRecordStillArrives() throws Exception {
        try (KafkaConsumer<String, byte[]> deadLetters = consumerOf(Topics.DEAD_LETTERS)) {
            template.send(new ProducerRecord<>(
                            Topics.CALL_EVENTS, "CA-bad", "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
            var good = new CallEnded("CA-bad", CallEnded.Reason.CALLER_HUNG_UP, "callended", 1L);
            template.send(EventRecords.of(Topics.CALL_EVENTS, good, "voicebot.gateway.test"))
                    .get(10, TimeUnit.SECONDS);

            assertThat(decoded.poll(20, TimeUnit.SECONDS)).isEqualTo(good);
            ConsumerRecord<String, byte[]> dead = pollOne(deadLetters, Duration.ofSeconds(20));
            assertThat(dead.key()).isEqualTo("CA-bad");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(dead.headers().lastHeader("kafka_dlt-original-topic").value())
                    .isEqualTo(Topics.CALL_EVENTS.getBytes(StandardCharsets.UTF_8));
            assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        }
    }

    @Test
    void theServiceIsReadyOnlyOnceEveryListenerConsumerHasItsPartitions() throws Exception {
        Awaitility.await("the call-events listener assigned")
                .atMost(Duration.ofSeconds(30))
                .until(() -> kafkaConsumers.health().getStatus().equals(Status.UP));

        MessageListenerContainer late = registry.getListenerContainer(ListeningApp.LATE_LISTENER);
        assertThat(late.isRunning()).isFalse();
        late.start();
        try {
            assertThat(kafkaConsumers.health().getStatus())
                    .as("a consumer that has not joined its group yet")
                    .isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

            Awaitility.await("the second listener assigned")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> kafkaConsumers.health().getStatus().equals(Status.UP));
            assertThat(kafkaConsumers.health().getDetails()).containsEntry("consumers", 2);
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        } finally {
            late.stop();
        }
    }

    private static KafkaConsumer<String, byte[]> consumerOf(String topic) {
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static ConsumerRecord<String, byte[]> pollOne(KafkaConsumer<String, byte[]> consumer, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                return records.iterator().next();
            }
        }
        throw new AssertionError("no record within " + timeout);
    }

    @SpringBootApplication
    static class ListeningApp {

        private final BlockingQueue<VoicebotEvent> decoded = new LinkedBlockingQueue<>();

        @Bean
        BlockingQueue<VoicebotEvent> decoded() {
            return decoded;
        }

        static final String LATE_LISTENER = "late-listener";

        @KafkaListener(topics = Topics.CALL_EVENTS)
        void onCallEvent(ConsumerRecord<String, byte[]> record) {
            decoded.add(EventCodec.decode(record.value()));
        }

        /** Started by the readiness test: a listener in a group of its own, with a rebalance listener of its own. */
        @KafkaListener(id = LATE_LISTENER, groupId = "service-kit-late", topics = Topics.SPEECH, autoStartup = "false")
        void onSpeech(ConsumerRecord<String, byte[]> record) {}
    }
}
