package dev.voicebot.gateway.socket;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The calls whose sockets this gateway instance holds, by {@code call_sid}. */
public final class LiveCalls {

    private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

    private final ConcurrentMap<String, CallConnection> byCallSid = new ConcurrentHashMap<>();

    void add(String callSid, CallConnection connection) {
        CallConnection previous = byCallSid.put(callSid, connection);
        if (previous != null && previous != connection) {
            log.warn("call {}: a new socket took over the call; the old socket gets no more bot audio", callSid);
        }
    }

    void remove(String callSid, CallConnection connection) {
        if (callSid != null) {
            byCallSid.remove(callSid, connection);
        }
    }

    /** The call's connection, or {@code null} when this instance does not hold it. */
    public CallConnection find(String callSid) {
        return callSid == null ? null : byCallSid.get(callSid);
    }

    /** The calls held now. */
    List<CallConnection> all() {
        return List.copyOf(byCallSid.values());
    }

    public int size() {
        return byCallSid.size();
    }
}
