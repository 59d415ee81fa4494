package dev.voicebot.stt;

import dev.voicebot.stt.call.CallSessions;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Closes the sessions of calls whose partitions move to another worker (Boot applies a rebalance
 * listener bean to its listener containers). The new owner opens its own session from the next
 * audio record.
 */
@Component
class SessionRebalanceListener implements ConsumerAwareRebalanceListener {

    private final CallSessions calls;

    SessionRebalanceListener(CallSessions calls) {
        this.calls = calls;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        calls.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        calls.revoked(partitions);
    }
}
