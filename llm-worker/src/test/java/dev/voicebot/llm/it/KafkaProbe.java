package dev.voicebot.llm.it;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.SegmentKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their current end on a background thread and keeps every record, so a test
 * can wait for what the worker published.
 */
public final class KafkaProbe implements AutoCloseable {

    /** One record as received. */
    public record Received(
            String topic,
            String key,
            byte[] value,
            String route,
            long turnStartedAt,
            long receivedNanos,
            SegmentKind segmentKind) {

        public VoicebotEvent event() {
            return EventCodec.decode(value);
        }

        public boolean isEvent() {
            try {
                return value != null && event() != null;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaProbe(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().daemon().name("kafka-probe").start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    received.add(new Received(
                            record.topic(),
                            record.key(),
                            record.value(),
                            RecordHeaderValues.text(record.headers(), HeaderNames.ROUTE),
                            RecordHeaderValues.number(record.headers(), HeaderNames.TURN_STARTED_AT, 0),
                            System.nanoTime(),
                            SegmentKind.of(record.headers())));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Records of one call on one topic, in arrival order. */
    public List<Received> of(String topic, String callSid) {
        return received.stream()
                .filter(r -> r.topic().equals(topic) && Objects.equals(r.key(), callSid))
                .toList();
    }

    /** The events of one call on one topic, of one type. */
    public <T extends VoicebotEvent> List<T> events(String topic, String callSid, Class<T> type) {
        return of(topic, callSid).stream()
                .filter(Received::isEvent)
                .map(Received::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Waits for the first record of the call on the topic that matches. */
    public Received await(String topic, String callSid, Predicate<Received> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received record : of(topic, callSid)) {
                if (match.test(record)) {
                    return record;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(
                "no matching record for call " + callSid + " on " + topic + " within " + timeout + "; got "
                        + of(topic, callSid).stream()
                                .map(r -> r.value() == null ? "<tombstone>" : new String(r.value()))
                                .toList());
    }

    /** Waits for the first event of the call on the topic of the given type that matches. */
    public <T extends VoicebotEvent> T awaitEvent(
            String topic, String callSid, Class<T> type, Predicate<T> match, Duration timeout) {
        Received record = await(
                topic,
                callSid,
                r -> r.isEvent() && type.isInstance(r.event()) && match.test(type.cast(r.event())),
                timeout);
        return type.cast(record.event());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
