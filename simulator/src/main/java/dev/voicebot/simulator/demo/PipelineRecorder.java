package dev.voicebot.simulator.demo;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.UndecodableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records the events the pipeline publishes from now on: a consumer without a group, assigned every partition of the
 * given event topics and positioned at their ends, polling on its own thread until closed. Records that are not
 * events are skipped. Thread-safe.
 */
public final class PipelineRecorder implements AutoCloseable {

    /**
     * One event as it was read.
     *
     * @param topic where it was published
     * @param event the decoded event
     * @param timestampMillis the record's timestamp: epoch milliseconds when it was produced
     */
    public record Recorded(String topic, VoicebotEvent event, long timestampMillis) {}

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Recorded> recorded = new ArrayList<>();
    private final Thread poller;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    private PipelineRecorder(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.poller = Thread.ofPlatform().daemon().name("pipeline-recorder").unstarted(this::pollUntilClosed);
    }

    /**
     * Starts recording {@code topics}; returns once the consumer's positions are fixed, so every event published
     * afterwards is recorded.
     *
     * @throws IllegalStateException if a topic does not exist (the services create them at start-up)
     */
    public static PipelineRecorder start(String bootstrapServers, Collection<String> topics, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "voicebot-demo-recorder");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers + " has no topic " + topic
                            + "; the services create it when they start");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(partition -> consumer.position(partition, timeout));
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        PipelineRecorder recorder = new PipelineRecorder(consumer);
        recorder.poller.start();
        return recorder;
    }

    /** Every event recorded so far, in the order read. */
    public List<Recorded> events() {
        rethrowFailure();
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** Every event of the call recorded so far, in the order read. */
    public List<Recorded> events(String callSid) {
        rethrowFailure();
        synchronized (recorded) {
            return recorded.stream()
                    .filter(r -> callSid.equals(r.event().callSid()))
                    .toList();
        }
    }

    /** The call's events of one type recorded so far, in the order read. */
    public <T extends VoicebotEvent> List<T> events(String callSid, Class<T> type) {
        return events(callSid).stream()
                .map(Recorded::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Waits until an event of the call matches {@code condition}; false on timeout. */
    public boolean await(String callSid, Predicate<VoicebotEvent> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recorded) {
            while (true) {
                rethrowFailure();
                boolean found = recorded.stream()
                        .anyMatch(r -> callSid.equals(r.event().callSid()) && condition.test(r.event()));
                long remaining = deadline - System.nanoTime();
                if (found || remaining <= 0) {
                    return found;
                }
                recorded.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        poller.join(Duration.ofSeconds(5));
    }

    private void pollUntilClosed() {
        try {
            while (!closed) {
                List<Recorded> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    try {
                        batch.add(new Recorded(record.topic(), EventCodec.decode(record.value()), record.timestamp()));
                    } catch (UndecodableRecordException e) {
                        // not an event of this build; the pipeline's dead-letter handling is not ours to repeat
                    }
                }
                if (!batch.isEmpty()) {
                    synchronized (recorded) {
                        recorded.addAll(batch);
                        recorded.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            synchronized (recorded) {
                recorded.notifyAll();
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    private void rethrowFailure() {
        RuntimeException e = failure;
        if (e != null) {
            throw new IllegalStateException("reading the pipeline's topics failed: " + e.getMessage(), e);
        }
    }
}
