package dev.voicebot.simulator.connect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The people the stand-in can ring. By default everyone answers and follows the default script; a number can be
 * given a sequence of outcomes (each call to it takes the next, the last one repeats), e.g. busy then answer to test
 * a campaign's retry, and a script of its own. Numbers match on their last ten digits, so {@code +919876543210} and
 * {@code 09876543210} are the same line. Thread-safe.
 */
public final class Callees {

    private static final int MATCHED_DIGITS = 10;

    private final Map<String, Deque<CalleeOutcome>> outcomes = new HashMap<>();
    private final Map<String, CalleeScript> scripts = new HashMap<>();
    private CalleeOutcome defaultOutcome = CalleeOutcome.ANSWER;
    private CalleeScript defaultScript = CalleeScript.listenThenHangUp();

    /** Calls to {@code number} end with these outcomes in turn; the last one repeats. */
    public synchronized Callees outcomes(String number, CalleeOutcome first, CalleeOutcome... then) {
        Deque<CalleeOutcome> queue = new ArrayDeque<>();
        queue.add(Objects.requireNonNull(first));
        queue.addAll(List.of(then));
        outcomes.put(key(number), queue);
        return this;
    }

    /** The outcome for numbers without their own. */
    public synchronized Callees defaultOutcome(CalleeOutcome outcome) {
        this.defaultOutcome = Objects.requireNonNull(outcome);
        return this;
    }

    public synchronized Callees script(String number, CalleeScript script) {
        scripts.put(key(number), Objects.requireNonNull(script));
        return this;
    }

    /** The script for numbers without their own. */
    public synchronized Callees defaultScript(CalleeScript script) {
        this.defaultScript = Objects.requireNonNull(script);
        return this;
    }

    synchronized CalleeOutcome nextOutcome(String number) {
        Deque<CalleeOutcome> queue = outcomes.get(key(number));
        if (queue == null) {
            return defaultOutcome;
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    synchronized CalleeScript scriptFor(String number) {
        return scripts.getOrDefault(key(number), defaultScript);
    }

    static String key(String number) {
        String digits = number.replaceAll("\\D", "");
        return digits.length() > MATCHED_DIGITS ? digits.substring(digits.length() - MATCHED_DIGITS) : digits;
    }
}
