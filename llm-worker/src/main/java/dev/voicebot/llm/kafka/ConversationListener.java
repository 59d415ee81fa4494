package dev.voicebot.llm.kafka;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.llm.conversation.ConversationEngine;
import dev.voicebot.llm.conversation.InputRecord;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListener;

/**
 * Feeds call events and speech events to the conversations, and moves conversations with their
 * partitions. Both input topics are read by the same consumers with the range assignor, so
 * partition <i>n</i> of each lands on the same consumer thread: a call's events all arrive in
 * order on one thread.
 */
public final class ConversationListener implements MessageListener<String, byte[]>, ConsumerAwareRebalanceListener {

    public static final Set<String> TOPICS = Set.of(Topics.CALL_EVENTS, Topics.SPEECH);

    private final ConversationEngine engine;
    private final StateTopicReader restorer;
    /** Per consumer thread: partitions revoked in the rebalance under way. */
    private final Map<Consumer<?, ?>, Set<Integer>> revokedBy = new ConcurrentHashMap<>();
    /** Per consumer thread: partitions lost (not handed over) since its last assignment. */
    private final Map<Consumer<?, ?>, Set<Integer>> lostBy = new ConcurrentHashMap<>();

    public ConversationListener(ConversationEngine engine, StateTopicReader restorer) {
        this.engine = engine;
        this.restorer = restorer;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        VoicebotEvent event = EventCodec.decode(record.value());
        InputRecord source = new InputRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                RecordHeaderValues.text(record.headers(), HeaderNames.ROUTE),
                RecordHeaderValues.number(record.headers(), HeaderNames.TURN_STARTED_AT, 0),
                receivedStamps(record));
        engine.handle(event, source);
    }

    private static Map<TurnStage, Long> receivedStamps(ConsumerRecord<String, byte[]> record) {
        Map<TurnStage, Long> stamps = new EnumMap<>(TurnTimeline.read(record.headers()));
        stamps.put(TurnStage.LLM_RECEIVED, TurnTimeline.nowMicros());
        return stamps;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Spring reports lost partitions as revoked as well, right after onPartitionsLost: their calls
        // are already dropped, and they must not count as handed over and kept in memory
        Set<Integer> numbers = numbers(partitions);
        numbers.removeAll(lostBy.getOrDefault(consumer, Set.of()));
        revokedBy.merge(consumer, numbers, ConversationListener::union);
        engine.partitionsRevoked(numbers);
    }

    /**
     * Restores the calls of partitions new to this consumer; calls of partitions it gave up and got
     * back stay as they are in memory.
     */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lostBy.remove(consumer);
        Set<Integer> owned = numbers(consumer.assignment());
        Set<Integer> revoked = revokedBy.getOrDefault(consumer, Set.of());
        revokedBy.remove(consumer);
        Set<Integer> gone = new TreeSet<>(revoked);
        gone.removeAll(owned);
        restorer.release(gone);
        Set<Integer> fresh = new TreeSet<>(numbers(partitions));
        fresh.removeAll(revoked);
        restorer.load(fresh, Topics.SPEECH);
        engine.partitionsAssigned(owned);
        engine.resumeUnfinished(restorer.unfinishedReplies(fresh));
    }

    /**
     * Drops the calls of partitions taken away without a hand-over (the group expired this consumer,
     * e.g. across a broker restart); when such a partition returns, its calls are read from the state
     * topic again, even if it was revoked just before.
     */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> numbers = numbers(partitions);
        lostBy.merge(consumer, numbers, ConversationListener::union);
        revokedBy.computeIfPresent(consumer, (key, revoked) -> {
            Set<Integer> left = new TreeSet<>(revoked);
            left.removeAll(numbers);
            return left.isEmpty() ? null : left;
        });
        restorer.release(numbers);
        engine.partitionsLost(numbers);
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(partition -> numbers.add(partition.partition()));
        return numbers;
    }
}
