package dev.voicebot.llm.conversation;

import java.util.Optional;

/** Finds the last snapshot of a call this worker did not know, after a takeover. */
public interface ConversationRestorer {

    /** The call's snapshot, removed from the restorer's memory, if there is one. */
    Optional<ConversationState> take(String callSid);

    /** Drops whatever is held for the call (it ended). */
    void forget(String callSid);
}
