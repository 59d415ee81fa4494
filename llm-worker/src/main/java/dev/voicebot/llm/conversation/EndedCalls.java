package dev.voicebot.llm.conversation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls that ended recently, so a late transcript or timer never brings one back to life. Bounded:
 * the oldest are forgotten first. Thread-safe.
 */
final class EndedCalls {

    private final Map<String, Boolean> ended;

    EndedCalls(int capacity) {
        this.ended = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(String callSid) {
        ended.put(callSid, Boolean.TRUE);
    }

    synchronized boolean contains(String callSid) {
        return ended.containsKey(callSid);
    }
}
