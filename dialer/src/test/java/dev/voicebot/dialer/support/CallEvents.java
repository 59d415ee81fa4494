package dev.voicebot.dialer.support;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.testsupport.KafkaTestBroker;
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

/** Reads {@link Topics#CALL_EVENTS} from the moment it is opened, as a test's witness of what was published. */
public final class CallEvents implements AutoCloseable {

    /** An event with its record key. */
    public record Keyed(String key, VoicebotEvent event) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Keyed> seen = new ArrayList<>();

    public CallEvents() {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CALL_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Waits for the first event matching {@code match}. */
    public Keyed await(Predicate<Keyed> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Keyed keyed : seen) {
                if (match.test(keyed)) {
                    return keyed;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching call event within " + timeout + "; saw " + seen);
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Everything that arrives within {@code window}. */
    public List<Keyed> collect(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(seen);
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            seen.add(new Keyed(record.key(), EventCodec.decode(record.value())));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
