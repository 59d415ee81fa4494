package dev.voicebot.llm.it;

import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.llm.LlmWorkerApplication;
import dev.voicebot.llm.kafka.ConversationListener;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Starts LLM worker instances against the test broker, and sends them records as other services would. */
public final class WorkerApp {

    /** Partitions of the shared topics in these tests. */
    public static final int PARTITIONS = 4;

    private WorkerApp() {}

    public static String bootstrap() {
        return KafkaTestBroker.bootstrapServers();
    }

    /**
     * Starts a worker and waits until it owns all input partitions.
     *
     * @param properties {@code name=value} settings on top of the test defaults
     */
    public static ConfigurableApplicationContext start(String groupId, String... properties) {
        return start(List.of(), groupId, PARTITIONS * 2, properties);
    }

    /** Starts a second worker of a group and waits until the two share the partitions. */
    public static ConfigurableApplicationContext startSecond(String groupId, String... properties) {
        return start(List.of(), groupId, PARTITIONS, properties);
    }

    /**
     * Starts a worker with extra configuration classes (application tools).
     *
     * @param expectedPartitions input partitions the worker is to own before this returns
     */
    public static ConfigurableApplicationContext start(
            List<Class<?>> extraSources, String groupId, int expectedPartitions, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.kafka.bootstrap-servers=" + bootstrap(),
                "spring.kafka.consumer.group-id=" + groupId,
                "spring.main.web-application-type=none",
                "voicebot.kafka.partitions=" + PARTITIONS,
                "voicebot.llm.consumer-threads=2",
                "voicebot.llm.provider=scripted",
                "spring.kafka.consumer.properties.fetch.max.wait.ms=20",
                "logging.level.dev.voicebot=INFO"));
        for (String property : properties) {
            String key = property.substring(0, property.indexOf('=') + 1);
            all.removeIf(existing -> existing.startsWith(key));
            all.add(property);
        }
        startGroupAtEnd(groupId);
        // As arguments: they outrank service-kit's defaults, which rank above default properties.
        List<Class<?>> sources = new ArrayList<>(List.of(LlmWorkerApplication.class));
        sources.addAll(extraSources);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new));
        @SuppressWarnings("unchecked")
        ConcurrentMessageListenerContainer<String, byte[]> container =
                context.getBean("conversationContainer", ConcurrentMessageListenerContainer.class);
        awaitSettled(container, expectedPartitions);
        return context;
    }

    /**
     * Commits a new group's offsets at the input topics' current ends. The workers reset a group
     * without offsets to the latest record, and they resolve "latest" a moment after they are
     * assigned: a record sent in between would be skipped. A group that has offsets keeps them.
     */
    private static void startGroupAtEnd(String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            if (!admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .isEmpty()) {
                return;
            }
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : ConversationListener.TOPICS) {
                if (existing.contains(topic)) {
                    admin.describeTopics(Set.of(topic))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions()
                            .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                }
            }
            if (ends.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(ends)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupNotEmptyException)) {
                throw new IllegalStateException(e);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the container's consumers own {@code partitions} between them and each owns
     * some: a total reached while a consumer thread is still joining would be undone by the
     * rebalance its join causes, and a call could move mid-test.
     */
    private static void awaitSettled(ConcurrentMessageListenerContainer<String, byte[]> container, int partitions) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            int total = 0;
            for (var consumer : container.getContainers()) {
                Collection<TopicPartition> owned = consumer.getAssignedPartitions();
                if (owned == null || owned.isEmpty()) {
                    return false;
                }
                total += owned.size();
            }
            return total == partitions;
        });
    }

    /** The input partitions a worker owns now (the same numbers on both input topics). */
    public static Set<Integer> ownedPartitions(ConfigurableApplicationContext worker) {
        @SuppressWarnings("unchecked")
        ConcurrentMessageListenerContainer<String, byte[]> container =
                worker.getBean("conversationContainer", ConcurrentMessageListenerContainer.class);
        Set<Integer> owned = new java.util.TreeSet<>();
        container.getAssignedPartitions().forEach(partition -> owned.add(partition.partition()));
        return owned;
    }

    /** Waits until the workers of a group together own {@code count} input partitions. */
    @SuppressWarnings("unchecked")
    public static void awaitAssignment(ConfigurableApplicationContext worker, int count) {
        awaitSettled(worker.getBean("conversationContainer", ConcurrentMessageListenerContainer.class), count);
    }

    /** Creates a gateway route topic (gateways create their own). */
    public static String routeTopic(String gatewayId) {
        String topic = Topics.gatewayRoute(gatewayId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
        return topic;
    }

    public static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.LINGER_MS_CONFIG, "0"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends an event as its producing service would: keyed by call, route header set. */
    public static void send(KafkaProducer<String, byte[]> producer, String topic, VoicebotEvent event, String route) {
        try {
            producer.send(EventRecords.of(topic, event, route)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendRaw(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
