package dev.voicebot.tts.bench;

import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Plays the gateway: reads the route topic on its own thread and notes when each audio record arrived. */
final class ArrivalLog implements AutoCloseable {

    /** One audio record as the gateway saw it. */
    record Arrival(int turn, long sequence, boolean last, double millis, long atNanos) {}

    private final Map<String, List<Arrival>> byCall = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    ArrivalLog(String route) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.bootstrapServers(),
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        5),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(route, Duration.ofSeconds(20)).stream()
                .map(p -> new TopicPartition(route, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(
                () -> {
                    try (consumer) {
                        while (running) {
                            for (var record : consumer.poll(Duration.ofMillis(20))) {
                                long now = System.nanoTime();
                                AudioRecord audio = AudioRecord.from(record);
                                byCall.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                        .add(new Arrival(
                                                audio.turn(),
                                                audio.sequence(),
                                                audio.last(),
                                                audio.durationMillis(),
                                                now));
                            }
                        }
                    }
                },
                "bench-gateway");
        reader.setDaemon(true);
        reader.start();
    }

    List<Arrival> of(String call) {
        List<Arrival> arrivals = byCall.get(call);
        if (arrivals == null) {
            return List.of();
        }
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** Waits until the call's turn has its last record; false on timeout. */
    boolean awaitTurnEnd(String call, int turn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (of(call).stream().anyMatch(a -> a.turn() == turn && a.last())) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Nanos at which the call's first audio record arrived, waiting up to {@code timeout}; -1 if none. */
    long awaitFirst(String call, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Arrival> arrivals = of(call);
            if (!arrivals.isEmpty()) {
                return arrivals.get(0).atNanos();
            }
            Thread.sleep(1);
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(2000);
    }
}
