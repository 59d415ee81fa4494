package dev.voicebot.gateway.support;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their current end, as the pipeline's workers would, and keeps every record so
 * that tests can wait for the ones they expect.
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public KafkaProbe(String bootstrapServers, String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The first {@code count} records of {@code topic} with this key, waiting up to {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> await(String topic, String key, int count, Duration timeout) {
        return await(r -> r.topic().equals(topic) && key.equals(r.key()), count, timeout);
    }

    /** The first event of this type for the call, or an assertion failure after {@code timeout}. */
    public <T extends VoicebotEvent> T awaitEvent(String topic, String callSid, Class<T> type, Duration timeout) {
        ConsumerRecord<String, byte[]> record = await(
                        r -> r.topic().equals(topic)
                                && callSid.equals(r.key())
                                && type.isInstance(EventCodec.decode(r.value())),
                        1,
                        timeout)
                .getFirst();
        return type.cast(EventCodec.decode(record.value()));
    }

    /** The record carrying this event, for its headers. */
    public ConsumerRecord<String, byte[]> awaitEventRecord(
            String topic, String callSid, Class<? extends VoicebotEvent> type, Duration timeout) {
        return await(
                        r -> r.topic().equals(topic)
                                && callSid.equals(r.key())
                                && type.isInstance(EventCodec.decode(r.value())),
                        1,
                        timeout)
                .getFirst();
    }

    public List<ConsumerRecord<String, byte[]>> await(
            Predicate<ConsumerRecord<String, byte[]>> wanted, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> matching =
                    seen.stream().filter(wanted).limit(count).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " records within " + timeout + ", got " + matching.size()
                        + " (" + seen.size() + " records seen)");
            }
            consumer.poll(Duration.ofMillis(50)).forEach(seen::add);
        }
    }

    /** Everything read so far that matches, after reading what arrived in {@code settle}. */
    public List<ConsumerRecord<String, byte[]>> collect(
            Predicate<ConsumerRecord<String, byte[]>> wanted, Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(50)).forEach(seen::add);
        }
        return seen.stream().filter(wanted).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
