package dev.voicebot.tts.worker;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call's turns as far as the worker knows them: the next audio sequence number of each open
 * turn, and the turns that are over (finished, failed or cancelled), so that a segment or audio of
 * such a turn is recognised and dropped. Only the latest {@value #REMEMBERED_ENDED_TURNS} ended
 * turns are remembered. Not thread-safe: guarded by its call's lock.
 */
final class TurnLedger {

    /** Why a turn is over. */
    enum Ending {
        FINISHED,
        FAILED,
        CANCELLED
    }

    static final int REMEMBERED_ENDED_TURNS = 64;

    private final Map<Integer, Long> nextSequence = new HashMap<>();
    private final Map<Integer, Ending> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Ending> eldest) {
            return size() > REMEMBERED_ENDED_TURNS;
        }
    };

    /** How the turn ended, or {@code null} while it is open. */
    Ending ending(int turn) {
        return ended.get(turn);
    }

    long takeSequence(int turn) {
        long sequence = nextSequence.getOrDefault(turn, 0L);
        nextSequence.put(turn, sequence + 1);
        return sequence;
    }

    /** Marks the turn over; the first ending recorded stays. */
    void end(int turn, Ending ending) {
        nextSequence.remove(turn);
        ended.putIfAbsent(turn, ending);
    }

    Iterable<Integer> openTurns() {
        return nextSequence.keySet();
    }
}
