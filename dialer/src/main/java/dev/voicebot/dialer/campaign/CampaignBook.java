package dev.voicebot.dialer.campaign;

import dev.voicebot.dialer.call.CallOrder;
import dev.voicebot.dialer.callback.StatusCallback;
import dev.voicebot.dialer.exotel.ExotelApiException;
import dev.voicebot.dialer.exotel.ExotelNotConfiguredException;
import dev.voicebot.dialer.rate.RateLimitExceededException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every campaign's rows and the rules that move them: which rows are due, what a placement, a
 * failure or a status callback does to a row, retries for busy and no-answer, time-outs. Pure
 * state: no threads, no I/O besides handing each change to the journal in order. Not thread-safe;
 * its owner serialises calls.
 */
final class CampaignBook {

    /** The calls to place now, and when the book next needs a look even if nothing happens. */
    record DueCalls(List<Dial> dials, Instant nextLook) {}

    private record RowRef(String campaignId, int index) {}

    private final CampaignJournal journal;
    private final CampaignTimeouts timing;
    private final LongSupplier nanoTime;
    private final Supplier<String> correlationIds;
    private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    private final Map<String, RowRef> byCallSid = new HashMap<>();
    private final Map<String, RowRef> byCorrelation = new HashMap<>();
    private int activeCalls;
    private CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

    CampaignBook(
            CampaignJournal journal, CampaignTimeouts timing, LongSupplier nanoTime, Supplier<String> correlationIds) {
        this.journal = journal;
        this.timing = timing;
        this.nanoTime = nanoTime;
        this.correlationIds = correlationIds;
    }

    /** Rebuilds campaigns read back from the journal; unconfirmed dials wait for callbacks from {@code now}. */
    void restore(Collection<CampaignHeader> headers, Collection<CampaignRow> rows, Instant now) {
        Map<String, List<CampaignRow>> rowsByCampaign = new HashMap<>();
        for (CampaignRow row : rows) {
            rowsByCampaign
                    .computeIfAbsent(row.campaignId(), id -> new ArrayList<>())
                    .add(row);
        }
        for (CampaignHeader header : headers) {
            CampaignRow[] slots = new CampaignRow[header.rowCount()];
            for (CampaignRow row : rowsByCampaign.getOrDefault(header.id(), List.of())) {
                if (row.index() >= 0 && row.index() < slots.length) {
                    slots[row.index()] = row.state() == RowState.DIALING ? row.since(now) : row;
                }
            }
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] == null) {
                    slots[i] = CampaignRow.invalid(header.id(), i, 0, "", "the row was lost from the journal", now);
                }
            }
            Campaign campaign = new Campaign(header, slots, nanoTime);
            campaigns.put(header.id(), campaign);
            for (CampaignRow row : slots) {
                index(campaign, null, row);
            }
        }
    }

    /** Adds a new campaign and writes it; the future completes when all of it is durable. */
    CompletableFuture<Void> add(CampaignHeader header, List<CampaignRow> rows) {
        Campaign campaign = new Campaign(header, rows.toArray(CampaignRow[]::new), nanoTime);
        campaigns.put(header.id(), campaign);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        writes.add(journal.write(header));
        for (CampaignRow row : campaign.rows) {
            index(campaign, null, row);
            writes.add(journal.write(row));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    Optional<Campaign> get(String id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    Collection<Campaign> all() {
        return campaigns.values();
    }

    int activeCalls() {
        return activeCalls;
    }

    /** The future of the latest write, to wait for durability after a change. */
    CompletableFuture<?> lastWrite() {
        return lastWrite;
    }

    /** Marks due rows DIALING, within calling hours, concurrency and each campaign's pace. */
    DueCalls due(Instant now, int maxActiveCalls) {
        List<Dial> dials = new ArrayList<>();
        Instant nextLook = now.plusSeconds(1);
        for (Campaign campaign : campaigns.values()) {
            if (campaign.header.status() != CampaignStatus.RUNNING) {
                continue;
            }
            if (!campaign.hours.isOpen(now)) {
                nextLook = earliest(nextLook, campaign.hours.nextOpening(now));
                continue;
            }
            while (campaign.activeRows.size() < campaign.header.settings().concurrency()
                    && activeCalls < maxActiveCalls) {
                Campaign.Due next = campaign.queue.peek();
                if (next == null) {
                    break;
                }
                CampaignRow row = campaign.rows[next.index()];
                if (row.state() != RowState.PENDING || !next.at().equals(row.nextAttemptAt())) {
                    campaign.queue.poll();
                    continue;
                }
                if (next.at().isAfter(now)) {
                    nextLook = earliest(nextLook, next.at());
                    break;
                }
                long wait = campaign.pacer.tryAcquire();
                if (wait > 0) {
                    nextLook = earliest(nextLook, now.plusNanos(wait));
                    break;
                }
                campaign.queue.poll();
                CampaignRow dialing = row.dialing(correlationIds.get(), now);
                update(campaign, dialing);
                campaign.inFlight.add(row.index());
                dials.add(new Dial(
                        campaign.id(), row.index(), dialing.correlationId(), order(campaign, dialing), lastWrite));
            }
        }
        return new DueCalls(dials, nextLook);
    }

    /** Exotel accepted the dial. */
    void placed(Dial dial, String callSid, String exotelStatus, Instant now) {
        Campaign campaign = campaigns.get(dial.campaignId());
        campaign.inFlight.remove(dial.index());
        CampaignRow row = campaign.rows[dial.index()];
        if (row.state() == RowState.DIALING && dial.correlationId().equals(row.correlationId())) {
            update(campaign, row.inCall(callSid, exotelStatus, now));
        }
    }

    /** The dial failed; what happens to the row depends on whether Exotel may have placed the call. */
    void failed(Dial dial, RuntimeException failure, Instant now) {
        Campaign campaign = campaigns.get(dial.campaignId());
        campaign.inFlight.remove(dial.index());
        CampaignRow row = campaign.rows[dial.index()];
        if (row.state() != RowState.DIALING || !dial.correlationId().equals(row.correlationId())) {
            return;
        }
        Instant transientRetry = now.plus(timing.transientRetryDelay());
        if (failure instanceof ExotelApiException exotel) {
            if (exotel.kind().outcomeUnknown()) {
                update(campaign, row.since(now));
            } else if (exotel.kind().accountWide()) {
                update(campaign, row.retryAt(transientRetry, false, null, now));
                pause(campaign, "Exotel refused the account: " + exotel.getMessage(), now);
            } else if (exotel.kind() == ExotelApiException.Kind.RATE_LIMITED
                    || exotel.kind() == ExotelApiException.Kind.UNREACHABLE) {
                update(campaign, row.retryAt(transientRetry, false, null, now));
            } else if (exotel.kind() == ExotelApiException.Kind.REJECTED) {
                update(campaign, row.done("rejected", exotel.exotelMessage(), now));
            } else {
                retryOrFinish(campaign, row, "error", exotel.getMessage(), transientRetry, now);
            }
        } else if (failure instanceof ExotelNotConfiguredException) {
            update(campaign, row.retryAt(transientRetry, false, null, now));
            pause(campaign, failure.getMessage(), now);
        } else if (failure instanceof RateLimitExceededException || failure instanceof NotDialedException) {
            update(campaign, row.retryAt(transientRetry, false, null, now));
        } else {
            retryOrFinish(campaign, row, "error", String.valueOf(failure.getMessage()), transientRetry, now);
        }
    }

    /**
     * A status callback for one of our calls; matched by CallSid, or by the correlation id in
     * CustomField. Callbacks for an earlier attempt or a finished row change nothing.
     *
     * @return true when the callback belongs to a campaign row
     */
    boolean onStatus(StatusCallback callback, Instant now) {
        RowRef ref = byCallSid.get(callback.callSid());
        if (ref == null && callback.customField() != null) {
            ref = byCorrelation.get(callback.customField());
        }
        if (ref == null) {
            return false;
        }
        Campaign campaign = campaigns.get(ref.campaignId());
        CampaignRow row = campaign.rows[ref.index()];
        if (!row.state().active()) {
            return true;
        }
        if (row.state() == RowState.DIALING) {
            row = row.inCall(callback.callSid(), callback.status(), row.since());
            update(campaign, row);
        } else if (!callback.callSid().equals(row.callSid())) {
            return true;
        }
        if (!callback.terminal()) {
            update(campaign, row.withLastStatus(callback.status()));
            return true;
        }
        String status = callback.status() == null ? "unknown" : callback.status();
        CampaignRow withStatus = row.withLastStatus(status);
        switch (status) {
            case "busy", "no-answer" ->
                retryOrFinish(
                        campaign,
                        withStatus,
                        status,
                        null,
                        now.plus(campaign.header.settings().retryDelay()),
                        now);
            default -> update(campaign, withStatus.done(status, null, now));
        }
        return true;
    }

    /**
     * Drops finished and cancelled campaigns last changed before {@code cutoff}, with no call in
     * progress, from memory and from the journal.
     *
     * @return the ids dropped
     */
    List<String> forgetEndedBefore(Instant cutoff) {
        List<String> dropped = new ArrayList<>();
        for (Campaign campaign : List.copyOf(campaigns.values())) {
            CampaignStatus status = campaign.header.status();
            if ((status == CampaignStatus.FINISHED || status == CampaignStatus.CANCELLED)
                    && campaign.activeRows.isEmpty()
                    && campaign.header.updatedAt().isBefore(cutoff)) {
                campaigns.remove(campaign.id());
                lastWrite = journal.forget(campaign.id(), campaign.rows.length);
                dropped.add(campaign.id());
            }
        }
        return dropped;
    }

    /** Ends waits that took too long: no terminal callback, or no word on an unconfirmed dial. */
    void expire(Instant now) {
        for (Campaign campaign : campaigns.values()) {
            for (Integer index : List.copyOf(campaign.activeRows)) {
                CampaignRow row = campaign.rows[index];
                if (row.state() == RowState.IN_CALL
                        && row.since().plus(timing.statusTimeout()).isBefore(now)) {
                    update(
                            campaign,
                            row.done("no-status", "no terminal status callback within " + timing.statusTimeout(), now));
                } else if (row.state() == RowState.DIALING
                        && !campaign.inFlight.contains(index)
                        && row.since().plus(timing.unconfirmedTimeout()).isBefore(now)) {
                    retryOrFinish(
                            campaign,
                            row,
                            "unknown",
                            "no status callback for a dial whose outcome is unknown",
                            now,
                            now);
                }
            }
        }
    }

    void pause(String id, String reason, Instant now) {
        Campaign campaign = campaigns.get(id);
        if (campaign.header.status() == CampaignStatus.RUNNING) {
            pause(campaign, reason, now);
        }
    }

    void resume(String id, Instant now) {
        Campaign campaign = campaigns.get(id);
        if (campaign.header.status() == CampaignStatus.PAUSED) {
            setStatus(campaign, CampaignStatus.RUNNING, null, now);
            finishIfDone(campaign, now);
        }
    }

    void cancel(String id, Instant now) {
        Campaign campaign = campaigns.get(id);
        CampaignStatus status = campaign.header.status();
        if (status == CampaignStatus.RUNNING || status == CampaignStatus.PAUSED) {
            setStatus(campaign, CampaignStatus.CANCELLED, "cancelled by request", now);
            for (CampaignRow row : campaign.rows) {
                if (row.state() == RowState.PENDING) {
                    update(campaign, row.done("cancelled", null, now));
                }
            }
        }
    }

    private void retryOrFinish(
            Campaign campaign, CampaignRow row, String status, String message, Instant retryAt, Instant now) {
        if (row.attempts() < campaign.header.settings().maxAttempts()) {
            update(campaign, row.retryAt(retryAt, true, status, now));
        } else {
            update(campaign, row.done(status, message, now));
        }
    }

    private void pause(Campaign campaign, String reason, Instant now) {
        if (campaign.header.status() == CampaignStatus.RUNNING) {
            setStatus(campaign, CampaignStatus.PAUSED, reason, now);
        }
    }

    private void setStatus(Campaign campaign, CampaignStatus status, String reason, Instant now) {
        campaign.header = campaign.header.withStatus(status, reason, now);
        lastWrite = journal.write(campaign.header);
    }

    private void update(Campaign campaign, CampaignRow row) {
        CampaignRow old = campaign.rows[row.index()];
        campaign.rows[row.index()] = row;
        index(campaign, old, row);
        lastWrite = journal.write(row);
        finishIfDone(campaign, row.since());
    }

    private void finishIfDone(Campaign campaign, Instant now) {
        if (campaign.header.status() == CampaignStatus.RUNNING
                && campaign.count(RowState.PENDING) == 0
                && campaign.activeRows.isEmpty()) {
            setStatus(campaign, CampaignStatus.FINISHED, null, now);
        }
    }

    /** Keeps counts, the queue, active slots and the CallSid/correlation lookups in step with a row. */
    private void index(Campaign campaign, CampaignRow old, CampaignRow row) {
        if (old != null) {
            campaign.counts.merge(old.state(), -1, Integer::sum);
            if (old.state().active()) {
                campaign.activeRows.remove(old.index());
                activeCalls--;
            }
            if (old.callSid() != null) {
                byCallSid.remove(old.callSid());
            }
            if (old.correlationId() != null) {
                byCorrelation.remove(old.correlationId());
            }
        }
        campaign.counts.merge(row.state(), 1, Integer::sum);
        if (row.state().active()) {
            campaign.activeRows.add(row.index());
            activeCalls++;
            RowRef ref = new RowRef(campaign.id(), row.index());
            if (row.callSid() != null) {
                byCallSid.put(row.callSid(), ref);
            }
            if (row.correlationId() != null) {
                byCorrelation.put(row.correlationId(), ref);
            }
        }
        if (row.state() == RowState.PENDING) {
            campaign.queue.add(new Campaign.Due(row.nextAttemptAt(), row.index()));
        }
    }

    private static CallOrder order(Campaign campaign, CampaignRow row) {
        CampaignSettings settings = campaign.header.settings();
        return new CallOrder(
                row.phoneNumber(),
                settings.connectMode(),
                row.variables(),
                settings.callerId(),
                settings.timeLimitSeconds(),
                settings.record(),
                settings.flowAppId(),
                campaign.id(),
                row.correlationId());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
