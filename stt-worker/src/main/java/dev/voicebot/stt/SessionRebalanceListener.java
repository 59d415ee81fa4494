package dev.voicebot.stt;

import dev.voicebot.stt.call.CallSessions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Closes the sessions of calls whose partitions move to another worker (Boot applies a rebalance
 * listener bean to its listener containers). The new owner opens its own session from the next
 * audio record. The range assignor rebalances eagerly: every consumer gives up all its partitions
 * and gets most of them back, so a session is closed only once the new assignment shows that its
 * partition really went elsewhere; calls that stay keep their utterance in progress.
 */
@Component
class SessionRebalanceListener implements ConsumerAwareRebalanceListener {

    private final CallSessions calls;
    /** Per consumer thread: partitions given up in the rebalance under way. */
    private final Map<Consumer<?, ?>, Set<TopicPartition>> revokedBy = new ConcurrentHashMap<>();

    SessionRebalanceListener(CallSessions calls) {
        this.calls = calls;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        revokedBy
                .computeIfAbsent(consumer, key -> ConcurrentHashMap.newKeySet())
                .addAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<TopicPartition> revoked = revokedBy.remove(consumer);
        if (revoked == null) {
            return;
        }
        Set<TopicPartition> gone = new HashSet<>(revoked);
        gone.removeAll(consumer.assignment());
        if (!gone.isEmpty()) {
            calls.revoked(gone);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        revokedBy.remove(consumer);
        calls.revoked(partitions);
    }
}
