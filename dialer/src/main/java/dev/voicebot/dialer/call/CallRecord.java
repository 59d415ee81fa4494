package dev.voicebot.dialer.call;

import dev.voicebot.dialer.exotel.ConnectMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the dialer knows about one call it placed: the request, and every status Exotel reported. */
public final class CallRecord {

    private final PlacedCall placed;
    private final String callerId;
    private final String campaignId;
    private final Map<String, String> variables;
    private final List<StatusEntry> statuses = new ArrayList<>();

    public CallRecord(PlacedCall placed, String callerId, String campaignId, Map<String, String> variables) {
        this.placed = placed;
        this.callerId = callerId;
        this.campaignId = campaignId;
        this.variables = Map.copyOf(variables);
    }

    public String callSid() {
        return placed.callSid();
    }

    public String correlationId() {
        return placed.correlationId();
    }

    public String phoneNumber() {
        return placed.phoneNumber();
    }

    public ConnectMode mode() {
        return placed.mode();
    }

    public Instant placedAt() {
        return placed.placedAt();
    }

    public String exotelStatus() {
        return placed.exotelStatus();
    }

    public String callerId() {
        return callerId;
    }

    public String campaignId() {
        return campaignId;
    }

    public Map<String, String> variables() {
        return variables;
    }

    public synchronized void addStatus(StatusEntry entry) {
        statuses.add(entry);
    }

    public synchronized List<StatusEntry> statuses() {
        return List.copyOf(statuses);
    }

    /** The latest status reported by a callback, or the status Exotel answered with. */
    public synchronized String currentStatus() {
        return statuses.isEmpty() ? placed.exotelStatus() : statuses.getLast().status();
    }

    /**
     * One status callback.
     *
     * @param eventType answered, terminal, or null for Exotel's default callback
     * @param detail leg statuses and durations
     */
    public record StatusEntry(String status, String eventType, Instant at, String detail) {}
}
