package dev.voicebot.dialer.campaign;

import dev.voicebot.dialer.rate.RateLimiter;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;

/** One campaign in memory: its header, rows and runtime bookkeeping. Guarded by the book's owner. */
final class Campaign {

    /** A queue entry; stale once the row's state or time changed (checked when taken). */
    record Due(Instant at, int index) {}

    CampaignHeader header;
    final CampaignRow[] rows;
    final CallingHours hours;
    final RateLimiter pacer;
    final PriorityQueue<Due> queue =
            new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingInt(Due::index));
    final Set<Integer> activeRows = new LinkedHashSet<>();
    final Set<Integer> inFlight = new HashSet<>();
    final Map<RowState, Integer> counts = new EnumMap<>(RowState.class);

    Campaign(CampaignHeader header, CampaignRow[] rows, LongSupplier nanoTime) {
        this.header = header;
        this.rows = rows;
        this.hours = header.settings().hours();
        this.pacer = new RateLimiter(header.settings().callsPerMinute(), 1, 0, nanoTime);
        for (RowState state : RowState.values()) {
            counts.put(state, 0);
        }
    }

    String id() {
        return header.id();
    }

    int count(RowState state) {
        return counts.get(state);
    }
}
