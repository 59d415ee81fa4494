package dev.voicebot.dialer.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The calls this dialer placed, in memory, for {@code GET /calls/{sid}} and to recognise status
 * callbacks. Bounded by count and age; after a restart it starts empty (callbacks are then
 * recognised by their correlation id's MAC instead).
 */
public final class CallRegistry {

    private final Clock clock;
    private final Duration retention;
    private final int maxRecords;
    private final LinkedHashMap<String, CallRecord> bySid = new LinkedHashMap<>();
    private final Map<String, String> sidByCorrelation = new HashMap<>();

    public CallRegistry(Clock clock, Duration retention, int maxRecords) {
        this.clock = clock;
        this.retention = retention;
        this.maxRecords = maxRecords;
    }

    public synchronized void add(CallRecord record) {
        bySid.put(record.callSid(), record);
        sidByCorrelation.put(record.correlationId(), record.callSid());
        evict();
    }

    public synchronized Optional<CallRecord> bySid(String callSid) {
        return Optional.ofNullable(callSid == null ? null : bySid.get(callSid));
    }

    public synchronized Optional<CallRecord> byCorrelation(String correlationId) {
        String sid = correlationId == null ? null : sidByCorrelation.get(correlationId);
        return Optional.ofNullable(sid == null ? null : bySid.get(sid));
    }

    public synchronized int size() {
        return bySid.size();
    }

    private void evict() {
        Instant oldest = clock.instant().minus(retention);
        Iterator<CallRecord> records = bySid.values().iterator();
        while (records.hasNext()) {
            CallRecord record = records.next();
            if (bySid.size() <= maxRecords && !record.placedAt().isBefore(oldest)) {
                return;
            }
            records.remove();
            sidByCorrelation.remove(record.correlationId());
        }
    }
}
