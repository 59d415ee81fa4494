package dev.voicebot.llm.conversation;

import dev.voicebot.llm.provider.ChatMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call's conversation. The consumer thread of the call's partition drives it; provider
 * callbacks and timers touch it too, so every access holds {@link #lock}.
 */
final class Conversation {

    final ReentrantLock lock = new ReentrantLock();
    final List<ChatMessage> history = new ArrayList<>();
    final StringBuilder dtmfKeys = new StringBuilder();
    long dtmfTurnStartedAtMicros;
    CallContext context;
    /** Whether the call's start was seen (here or by a previous owner): it is greeted once only. */
    boolean started;

    int turnCounter;
    BotTurn activeTurn;
    int silenceReprompts;
    /** A reply the previous owner left unfinished (0: none), answered again once this worker holds the call. */
    int unfinishedTurn;

    boolean ending;
    /**
     * Per input topic, the offset of the newest caller input (transcript or keys) handled; a record
     * redelivered after a takeover has an offset at or below it and is skipped.
     */
    final Map<String, Long> inputOffsets = new HashMap<>();

    int partition = -1;
    /**
     * The consumer thread whose partition holds the call. Rebalance callbacks run on each consumer
     * thread, and a partition can move between two threads of this worker: a thread hands over
     * only the calls it owns, and the thread that gets the partition takes the call as it is.
     */
    Thread owner;
    /** When this worker released the call's partition in a rebalance; it is dropped unless it gets it back. */
    boolean released;

    long idleGeneration;
    ScheduledFuture<?> idleTimer;
    ScheduledFuture<?> dtmfTimer;
    ScheduledFuture<?> maxDurationTimer;

    Conversation(CallContext context) {
        this.context = context;
    }

    String callSid() {
        return context.callSid();
    }

    BotTurn newTurn(long turnStartedAtMicros, long inputNanos) {
        turnCounter++;
        activeTurn = new BotTurn(turnCounter, turnStartedAtMicros, inputNanos);
        return activeTurn;
    }

    /** Records an input as handled; {@code false} when it was handled before (a redelivery). */
    boolean firstTimeSeen(InputRecord input) {
        Long last = inputOffsets.get(input.topic());
        if (last != null && input.offset() <= last) {
            return false;
        }
        inputOffsets.put(input.topic(), input.offset());
        return true;
    }

    void cancelTimers() {
        idleGeneration++;
        cancel(idleTimer);
        cancel(dtmfTimer);
        cancel(maxDurationTimer);
        idleTimer = null;
        dtmfTimer = null;
        maxDurationTimer = null;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
