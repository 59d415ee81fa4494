package dev.voicebot.llm.kafka;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.UndecodableRecordException;
import dev.voicebot.llm.conversation.ConversationRestorer;
import dev.voicebot.llm.conversation.ConversationState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores conversations after a takeover from the compacted state topic.
 *
 * <p>When this worker is assigned input partitions it reads the matching partitions of the state
 * topic from the beginning to their current end (keys hash to the same partition number on topics
 * with equal partition counts; otherwise it reads them all and keeps the keys of its partitions).
 * This runs in the rebalance callback, before any record of those partitions is handled, and the
 * previous owner flushed its snapshots when it gave them up, so the newest snapshot of each call is
 * here when its first event arrives. Snapshots wait in memory until their call's first event takes
 * them, its end forgets them, or the partition moves on; old ones are skipped at load.
 */
public final class StateTopicReader implements ConversationRestorer {

    private static final Logger log = LoggerFactory.getLogger(StateTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * @param loadedBy the consumer thread that loaded it: only that thread's rebalance forgets it,
     *     since a partition can move between two threads of this worker
     */
    private record Held(int inputPartition, ConversationState state, Thread loadedBy) {}

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Duration maxAge;
    private final Duration loadTimeout;
    private final Clock clock;

    /**
     * @param consumers makes a consumer without a group (the reader assigns partitions itself)
     * @param maxAge snapshots older than this are of calls long over and are skipped
     */
    public StateTopicReader(
            Supplier<Consumer<String, byte[]>> consumers, Duration maxAge, Duration loadTimeout, Clock clock) {
        this.consumers = consumers;
        this.maxAge = maxAge;
        this.loadTimeout = loadTimeout;
        this.clock = clock;
    }

    /** Loads the snapshots of calls on these input partitions. Blocks until read or the timeout. */
    public void load(Collection<Integer> inputPartitions, String inputTopic) {
        if (inputPartitions.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Set<Integer> wanted = Set.copyOf(inputPartitions);
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            int inputCount = consumer.partitionsFor(inputTopic).size();
            int stateCount = consumer.partitionsFor(Topics.CONVERSATION_STATE).size();
            List<TopicPartition> partitions = (inputCount == stateCount
                            ? wanted.stream()
                            : java.util.stream.IntStream.range(0, stateCount).boxed())
                    .map(p -> new TopicPartition(Topics.CONVERSATION_STATE, p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            int loaded = readToEnd(consumer, ends, wanted, inputCount);
            log.info(
                    "restorer: {} saved conversations for partitions {} read in {} ms",
                    loaded,
                    wanted,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.error(
                    "restorer: could not read {} for partitions {}: {}",
                    Topics.CONVERSATION_STATE,
                    wanted,
                    e.toString());
        }
    }

    /** Forgets the snapshots the calling consumer thread loaded for partitions it no longer owns. */
    public void release(Collection<Integer> inputPartitions) {
        Thread thread = Thread.currentThread();
        held.values().removeIf(h -> h.loadedBy() == thread && inputPartitions.contains(h.inputPartition()));
    }

    @Override
    public Optional<ConversationState> take(String callSid) {
        return Optional.ofNullable(held.remove(callSid)).map(Held::state);
    }

    @Override
    public Map<String, Integer> unfinishedReplies(Collection<Integer> inputPartitions) {
        Map<String, Integer> unfinished = new HashMap<>();
        held.forEach((callSid, snapshot) -> {
            if (snapshot.state().unfinishedTurn() > 0 && inputPartitions.contains(snapshot.inputPartition())) {
                unfinished.put(callSid, snapshot.inputPartition());
            }
        });
        return unfinished;
    }

    @Override
    public void forget(String callSid) {
        held.remove(callSid);
    }

    private int readToEnd(
            Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends, Set<Integer> wanted, int inputCount) {
        long deadline = System.nanoTime() + loadTimeout.toNanos();
        int loaded = 0;
        while (!reachedEnd(consumer, ends)) {
            if (System.nanoTime() > deadline) {
                log.warn("restorer: gave up reading {} after {}", Topics.CONVERSATION_STATE, loadTimeout);
                break;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.key() == null) {
                    continue;
                }
                int inputPartition = inputPartitionOf(record.key(), inputCount);
                if (!wanted.contains(inputPartition)) {
                    continue;
                }
                ConversationState state = record.value() == null || isStale(record) ? null : decode(record);
                if (state == null) {
                    held.remove(record.key());
                } else {
                    held.put(record.key(), new Held(inputPartition, state, Thread.currentThread()));
                    loaded++;
                }
            }
        }
        return loaded;
    }

    /** The snapshot, or {@code null} when it is unreadable: the call then starts afresh. */
    private static ConversationState decode(ConsumerRecord<String, byte[]> record) {
        try {
            return ConversationState.decode(record.value());
        } catch (UndecodableRecordException e) {
            log.warn(
                    "restorer: the saved state of call {} is unreadable, starting afresh: {}",
                    record.key(),
                    e.getMessage());
            return null;
        }
    }

    private boolean isStale(ConsumerRecord<String, byte[]> record) {
        return record.timestamp() > 0 && clock.millis() - record.timestamp() > maxAge.toMillis();
    }

    private static boolean reachedEnd(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (var end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The partition the default partitioner gives a key on a topic of {@code count} partitions. */
    static int inputPartitionOf(String key, int count) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }
}
