package dev.voicebot.llm.conversation;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations this worker holds, and which partitions they belong to. A call's conversation
 * is made once: restored from its snapshot when a previous owner left one, otherwise fresh.
 */
final class CallRegistry {

    private static final Logger log = LoggerFactory.getLogger(CallRegistry.class);

    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final EndedCalls endedCalls = new EndedCalls(10_000);
    private final ConversationRestorer restorer;
    private final Consumer<Conversation> onRestored;
    private final Consumer<Conversation> onDropped;

    /**
     * @param onRestored runs on a conversation restored from a snapshot (to start its timers)
     * @param onDropped runs, under the lock, on a conversation whose partition went to another worker
     */
    CallRegistry(ConversationRestorer restorer, Consumer<Conversation> onRestored, Consumer<Conversation> onDropped) {
        this.restorer = restorer;
        this.onRestored = onRestored;
        this.onDropped = onDropped;
    }

    /**
     * The call's conversation, restored or made by {@code fresh}; {@code null} for a call that
     * ended, or when there is no snapshot and {@code fresh} makes none.
     */
    Conversation obtain(String callSid, int partition, Supplier<Conversation> fresh) {
        if (callSid == null || endedCalls.contains(callSid)) {
            return null;
        }
        Conversation conversation = conversations.computeIfAbsent(callSid, sid -> restorer.take(sid)
                .map(state -> {
                    Conversation restored = state.restore(partition);
                    log.info(
                            "call {}: conversation restored at turn {} ({} messages)",
                            sid,
                            state.turn(),
                            state.history().size());
                    onRestored.accept(restored);
                    return restored;
                })
                .orElseGet(fresh));
        if (conversation != null) {
            Thread thread = Thread.currentThread();
            locked(conversation, c -> {
                c.partition = partition;
                if (c.owner != thread) {
                    c.owner = thread;
                    c.released = false; // moved from another consumer thread of this worker
                }
            });
        }
        return conversation;
    }

    /** The call's conversation if this worker holds it, else {@code null}. */
    Conversation get(String callSid) {
        return callSid == null ? null : conversations.get(callSid);
    }

    /** Forgets an ended call for good; returns its conversation if it was held. */
    Conversation end(String callSid) {
        endedCalls.add(callSid);
        restorer.forget(callSid);
        return conversations.remove(callSid);
    }

    /** Whether this conversation is still the registered one (not ended or dropped meanwhile). */
    boolean isCurrent(Conversation conversation) {
        return conversations.get(conversation.callSid()) == conversation;
    }

    int size() {
        return conversations.size();
    }

    /**
     * Before a rebalance: marks the calling consumer thread's calls of partitions that may move as
     * released, returning them.
     */
    List<Conversation> release(Collection<Integer> partitions) {
        List<Conversation> released =
                ownedHere().filter(c -> partitions.contains(c.partition)).toList();
        released.forEach(c -> locked(c, held -> held.released = true));
        return released;
    }

    /**
     * After a rebalance: keeps the calling thread's released calls whose partitions came back, drops
     * the others (unless another thread of this worker took them meanwhile).
     */
    void keepOwned(Collection<Integer> owned) {
        Set<Integer> ownedNow = new HashSet<>(owned);
        Thread thread = Thread.currentThread();
        for (Conversation conversation : List.copyOf(conversations.values())) {
            locked(conversation, c -> {
                if (c.released && c.owner == thread) {
                    c.released = false;
                    if (!ownedNow.contains(c.partition)) {
                        drop(c);
                    }
                }
            });
        }
    }

    /** The calling thread's partitions were lost without a clean hand-over: their calls are someone else's now. */
    void dropPartitions(Collection<Integer> partitions) {
        Thread thread = Thread.currentThread();
        ownedHere()
                .filter(c -> partitions.contains(c.partition))
                .toList()
                .forEach(conversation -> locked(conversation, c -> {
                    if (c.owner == thread) {
                        drop(c);
                    }
                }));
    }

    private Stream<Conversation> ownedHere() {
        Thread thread = Thread.currentThread();
        return conversations.values().stream().filter(c -> c.owner == thread);
    }

    /** The worker is stopping: every call is someone else's now. */
    void dropAll() {
        List<Conversation> all = List.copyOf(conversations.values());
        all.forEach(conversation -> locked(conversation, this::forgetHere));
        log.info("stopping: {} calls left to the other workers", all.size());
    }

    private void drop(Conversation c) {
        forgetHere(c);
        log.info("call {} moved to another worker", c.callSid());
    }

    private void forgetHere(Conversation c) {
        onDropped.accept(c);
        conversations.remove(c.callSid(), c);
    }

    static void locked(Conversation conversation, Consumer<Conversation> action) {
        conversation.lock.lock();
        try {
            action.accept(conversation);
        } finally {
            conversation.lock.unlock();
        }
    }
}
