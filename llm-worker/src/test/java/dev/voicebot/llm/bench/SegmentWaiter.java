package dev.voicebot.llm.bench;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the bot segments topic and completes futures per (call, turn): first and last segment, cancellation. */
final class SegmentWaiter implements AutoCloseable {

    /** When a turn's first and last segments, and its cancellation, arrived (System.nanoTime). */
    record TurnSeen(CompletableFuture<Long> first, CompletableFuture<Long> last, CompletableFuture<Long> cancelled) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, TurnSeen> turns = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    SegmentWaiter(String bootstrap) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.CLIENT_ID_CONFIG, "bench-probe",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.BOT_SEGMENTS, Duration.ofSeconds(10))
                .forEach(p -> partitions.add(new TopicPartition(Topics.BOT_SEGMENTS, p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().daemon().name("bench-probe").start(this::poll);
    }

    TurnSeen turn(String callSid, int turn) {
        return turns.computeIfAbsent(
                callSid + "/" + turn,
                key -> new TurnSeen(new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>()));
    }

    void forget(String callSid, int turn) {
        turns.remove(callSid + "/" + turn);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    VoicebotEvent event = EventCodec.decode(record.value());
                    if (event instanceof BotSegment segment) {
                        TurnSeen seen = turn(segment.callSid(), segment.turn());
                        seen.first().complete(now);
                        if (segment.last()) {
                            seen.last().complete(now);
                        }
                    } else if (event instanceof TurnCancelled cancelled) {
                        turn(cancelled.callSid(), cancelled.turn()).cancelled().complete(now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(2000);
    }
}
