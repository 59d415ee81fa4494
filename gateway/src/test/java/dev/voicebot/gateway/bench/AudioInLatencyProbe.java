package dev.voicebot.gateway.bench;

import dev.voicebot.common.kafka.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Plays the STT worker's consumer: reads {@link Topics#AUDIO_IN} and measures, for each record, the
 * time from the simulated Exotel client's send (stamped in the payload) to the record's arrival.
 */
final class AudioInLatencyProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private long[] latenciesMicros = new long[1 << 16];
    private int count;
    private volatile boolean measuring;
    private volatile boolean running = true;

    AudioInLatencyProbe(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                4 * 1024 * 1024));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIO_IN, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "bench-audio-in-probe");
        thread.setDaemon(true);
        thread.start();
    }

    void startMeasuring() {
        measuring = true;
    }

    /** Latencies seen since {@link #startMeasuring()}, sorted, in microseconds. */
    synchronized long[] stopMeasuring() {
        measuring = false;
        long[] sorted = Arrays.copyOf(latenciesMicros, count);
        Arrays.sort(sorted);
        return sorted;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (measuring && record.value().length >= 8) {
                        record(now - ByteBuffer.wrap(record.value()).getLong(0));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private synchronized void record(long nanos) {
        if (count == latenciesMicros.length) {
            latenciesMicros = Arrays.copyOf(latenciesMicros, count * 2);
        }
        latenciesMicros[count++] = nanos / 1000;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
