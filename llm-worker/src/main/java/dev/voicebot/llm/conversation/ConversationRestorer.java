package dev.voicebot.llm.conversation;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Finds the last snapshot of a call this worker did not know, after a takeover. */
public interface ConversationRestorer {

    /** The call's snapshot, removed from the restorer's memory, if there is one. */
    Optional<ConversationState> take(String callSid);

    /** Call sid to input partition, of the held snapshots of these partitions with a reply unfinished. */
    Map<String, Integer> unfinishedReplies(Collection<Integer> inputPartitions);

    /** Drops whatever is held for the call (it ended). */
    void forget(String callSid);
}
