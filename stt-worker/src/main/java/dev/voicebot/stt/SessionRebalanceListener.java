package dev.voicebot.stt;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.call.CallSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Moves calls with their partitions (Boot applies a rebalance listener bean to its listener
 * containers). The range assignor rebalances eagerly: every consumer gives up all its partitions
 * and gets most of them back, so a session is closed only once the new assignment shows that its
 * partition really went elsewhere; calls that stay keep their utterance in progress.
 *
 * <p>A consumer that takes over an audio partition re-reads it from {@code lookback} before its
 * committed offset ({@link TakeoverReplay}): an utterance the previous owner was hearing when it
 * stopped or died started before that offset, and is recognized whole rather than from its middle.
 * Callbacks run on the consumer's own thread, which owns the sessions it opens.
 */
final class SessionRebalanceListener implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(SessionRebalanceListener.class);

    private final CallSessions calls;
    private final TakeoverReplay replay;
    private final long lookbackMillis;
    private final Clock clock;
    /** Per consumer thread: partitions given up in the rebalance under way. */
    private final Map<Consumer<?, ?>, Set<TopicPartition>> revokedBy = new ConcurrentHashMap<>();

    SessionRebalanceListener(CallSessions calls, TakeoverReplay replay, Duration lookback, Clock clock) {
        this.calls = calls;
        this.replay = replay;
        this.lookbackMillis = lookback.toMillis();
        this.clock = clock;
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
        if (revoked != null) {
            Set<TopicPartition> gone = new HashSet<>(revoked);
            gone.removeAll(consumer.assignment());
            gone.forEach(replay::stop);
            if (!gone.isEmpty()) {
                calls.revoked(gone);
            }
        }
        Set<TopicPartition> takenOver = new HashSet<>(partitions);
        if (revoked != null) {
            takenOver.removeAll(revoked);
        }
        takenOver.removeIf(partition -> !partition.topic().equals(Topics.AUDIO_IN));
        if (!takenOver.isEmpty() && lookbackMillis > 0) {
            rewind(consumer, takenOver);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        revokedBy.remove(consumer);
        partitions.forEach(replay::stop);
        calls.revoked(partitions);
    }

    /** Seeks each partition back by the lookback; what lies before its committed offset is replayed. */
    private void rewind(Consumer<?, ?> consumer, Set<TopicPartition> partitions) {
        try {
            Map<TopicPartition, Long> since = new HashMap<>();
            long from = clock.millis() - lookbackMillis;
            partitions.forEach(partition -> since.put(partition, from));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(since);
            int rewound = 0;
            for (TopicPartition partition : partitions) {
                long committed = consumer.position(partition);
                OffsetAndTimestamp start = found.get(partition);
                if (start != null && start.offset() < committed) {
                    consumer.seek(partition, start.offset());
                    replay.start(partition, committed);
                    rewound++;
                }
            }
            if (rewound > 0) {
                log.info(
                        "took over {} audio partitions: re-reading up to {} s before where the previous owner was",
                        rewound,
                        lookbackMillis / 1000);
            }
        } catch (RuntimeException e) {
            // the calls go on from the committed offset, as without the rewind
            log.warn("could not rewind the audio partitions taken over: {}", e.toString());
        }
    }
}
