package dev.voicebot.stt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The audio partitions this worker took over and is re-reading from before their committed
 * offset. Records below that offset were heard by the previous owner: they are replayed to rebuild
 * a call's turn state, not published again.
 */
final class TakeoverReplay {

    private final Map<TopicPartition, Long> replayUntil = new ConcurrentHashMap<>();

    /** Records of {@code partition} below {@code offset} are replayed. */
    void start(TopicPartition partition, long offset) {
        replayUntil.put(partition, offset);
    }

    /** Whether the record was heard by the previous owner; the first one that was not ends the replay. */
    boolean isReplay(TopicPartition partition, long offset) {
        Long until = replayUntil.get(partition);
        if (until == null) {
            return false;
        }
        if (offset < until) {
            return true;
        }
        replayUntil.remove(partition, until);
        return false;
    }

    void stop(TopicPartition partition) {
        replayUntil.remove(partition);
    }
}
