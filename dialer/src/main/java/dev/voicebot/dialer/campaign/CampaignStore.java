package dev.voicebot.dialer.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaign state on a compacted Kafka topic: the campaign under its id, each row under {@code
 * <id>#<index>}, latest value wins. The dialer reads the topic to its end at start-up and then
 * only writes. Kafka rather than a database: the pipeline already runs it, compaction keeps exactly
 * the latest state per key, and the dialer needs no other store to survive a restart.
 */
public class CampaignStore implements CampaignJournal {

    private static final Logger log = LoggerFactory.getLogger(CampaignStore.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final KafkaTemplate<String, byte[]> kafka;
    private final ConsumerFactory<String, byte[]> consumers;
    private final String topic;

    public CampaignStore(KafkaTemplate<String, byte[]> kafka, ConsumerFactory<String, byte[]> consumers, String topic) {
        this.kafka = kafka;
        this.consumers = consumers;
        this.topic = topic;
    }

    /** Everything on the topic, latest value per key. */
    public record Snapshot(Collection<CampaignHeader> headers, Collection<CampaignRow> rows) {}

    @Override
    public CompletableFuture<?> write(CampaignHeader header) {
        return send(header.id(), JSON.writeValueAsBytes(header));
    }

    @Override
    public CompletableFuture<?> write(CampaignRow row) {
        return send(rowKey(row.campaignId(), row.index()), JSON.writeValueAsBytes(row));
    }

    @Override
    public CompletableFuture<?> forget(String campaignId, int rowCount) {
        List<CompletableFuture<?>> tombstones = new ArrayList<>();
        for (int index = 0; index < rowCount; index++) {
            tombstones.add(send(rowKey(campaignId, index), null));
        }
        tombstones.add(send(campaignId, null));
        return CompletableFuture.allOf(tombstones.toArray(CompletableFuture[]::new));
    }

    static String rowKey(String campaignId, int index) {
        return campaignId + "#" + String.format("%07d", index);
    }

    /** Reads the topic from the beginning to the end offsets it had when the read began. */
    public Snapshot load(Duration timeout) {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (Consumer<String, byte[]> consumer =
                consumers.createConsumer(null, "dialer-campaign-restore", null, overrides)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read campaign state from " + topic + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else if (record.key() != null) {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return decode(latest);
    }

    private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Snapshot decode(Map<String, byte[]> latest) {
        List<CampaignHeader> headers = new ArrayList<>();
        List<CampaignRow> rows = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : latest.entrySet()) {
            try {
                if (entry.getKey().contains("#")) {
                    rows.add(JSON.readValue(entry.getValue(), CampaignRow.class));
                } else {
                    headers.add(JSON.readValue(entry.getValue(), CampaignHeader.class));
                }
            } catch (JacksonException | IllegalArgumentException e) {
                log.error("skipping unreadable campaign record {} on {}: {}", entry.getKey(), topic, e.getMessage());
            }
        }
        return new Snapshot(headers, rows);
    }

    private CompletableFuture<?> send(String key, byte[] value) {
        try {
            return kafka.send(topic, key, value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
