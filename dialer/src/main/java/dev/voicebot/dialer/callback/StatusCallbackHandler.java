package dev.voicebot.dialer.callback;

import dev.voicebot.common.event.CallStatusChanged;
import dev.voicebot.dialer.call.CallEventPublisher;
import dev.voicebot.dialer.call.CallRecord;
import dev.voicebot.dialer.call.CallRegistry;
import dev.voicebot.dialer.call.CallbackSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one authenticated status callback: ignores a repeat of one already handled, checks the
 * call is ours (known CallSid, or a CustomField carrying one of our correlation ids), records the
 * status, tells the listeners and publishes {@code call.status} keyed by the CallSid.
 */
public class StatusCallbackHandler {

    /** What happened to a callback. */
    public enum Outcome {
        PUBLISHED,
        DUPLICATE,
        UNKNOWN_CALL
    }

    private static final Logger log = LoggerFactory.getLogger(StatusCallbackHandler.class);
    private static final int REMEMBERED_CALLBACKS = 100_000;

    private final CallRegistry registry;
    private final CallbackSecrets secrets;
    private final CallEventPublisher events;
    private final List<CallStatusListener> listeners;
    private final Clock clock;
    private final Map<String, Boolean> handled = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_CALLBACKS;
        }
    };

    public StatusCallbackHandler(
            CallRegistry registry,
            CallbackSecrets secrets,
            CallEventPublisher events,
            List<CallStatusListener> listeners,
            Clock clock) {
        this.registry = registry;
        this.secrets = secrets;
        this.events = events;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the event could not be stored; the callback may be retried
     */
    public Outcome handle(StatusCallback callback) {
        String key = callback.callSid() + "|" + callback.eventType() + "|" + callback.status();
        synchronized (handled) {
            if (handled.putIfAbsent(key, Boolean.FALSE) != null) {
                return Outcome.DUPLICATE;
            }
        }
        boolean done = false;
        try {
            Optional<CallRecord> record =
                    registry.bySid(callback.callSid()).or(() -> registry.byCorrelation(callback.customField()));
            if (record.isEmpty() && !secrets.isGenuine(callback.customField())) {
                log.warn(
                        "status callback for a call this dialer does not know: {} status {} event {}; answered 200, not"
                                + " published",
                        callback.callSid(),
                        callback.status(),
                        callback.eventType());
                done = true;
                return Outcome.UNKNOWN_CALL;
            }
            Instant at = clock.instant();
            record.ifPresent(r -> r.addStatus(
                    new CallRecord.StatusEntry(callback.status(), callback.eventType(), at, callback.detail())));
            for (CallStatusListener listener : listeners) {
                listener.onStatus(callback, at);
            }
            events.statusChanged(new CallStatusChanged(
                    callback.callSid(), callback.status(), callback.eventType(), callback.detail(), at.toEpochMilli()));
            log.info("call {} status {} ({})", callback.callSid(), callback.status(), callback.eventType());
            done = true;
            return Outcome.PUBLISHED;
        } finally {
            synchronized (handled) {
                if (done) {
                    handled.put(key, Boolean.TRUE);
                } else {
                    handled.remove(key);
                }
            }
        }
    }
}
