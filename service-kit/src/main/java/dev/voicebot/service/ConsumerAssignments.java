package dev.voicebot.service;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Which of this service's Kafka consumers have been through their group's first rebalance, that
 * is, have been told which partitions they own (possibly none, when a group has more consumers
 * than partitions). Until then records of the topics they read are owned by nobody here, and a
 * consumer with no committed offset starts at the end: whatever is published meanwhile is missed.
 * Thread-safe.
 */
public final class ConsumerAssignments {

    private final Set<Consumer<?, ?>> assigned = ConcurrentHashMap.newKeySet();

    /** How many consumers have had an assignment. */
    public int assignedConsumers() {
        return assigned.size();
    }

    /**
     * {@code delegate} (may be {@code null}) wrapped so that assignments are recorded here; a
     * listener already wrapped is returned as it is.
     */
    ConsumerAwareRebalanceListener recording(ConsumerRebalanceListener delegate) {
        if (delegate instanceof Recording recording && recording.owner() == this) {
            return recording;
        }
        return new Recording(delegate, this);
    }

    /**
     * Passes every callback on as the container would call {@code delegate} itself: the
     * consumer-aware methods to a {@link ConsumerAwareRebalanceListener}, the plain ones (revoked
     * before the commit) to any other listener.
     */
    private record Recording(ConsumerRebalanceListener delegate, ConsumerAssignments owner)
            implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (delegate instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsRevokedBeforeCommit(consumer, partitions);
            } else if (delegate != null) {
                delegate.onPartitionsRevoked(partitions);
            }
        }

        @Override
        public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (delegate instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsRevokedAfterCommit(consumer, partitions);
            }
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (delegate instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsLost(consumer, partitions);
            } else if (delegate != null) {
                delegate.onPartitionsLost(partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (delegate instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsAssigned(consumer, partitions);
            } else if (delegate != null) {
                delegate.onPartitionsAssigned(partitions);
            }
            owner.assigned.add(consumer);
        }
    }
}
