package dev.voicebot.dialer.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.callback.StatusCallback;
import dev.voicebot.dialer.exotel.ExotelApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The campaign rules without threads or Kafka: a journal that records, a clock that is set. */
class CampaignBookTest {

    private static final Instant T0 = Instant.parse("2026-08-20T06:00:00Z");
    private final List<Object> journal = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    /** Each read of the pacer's clock moves it 1 ms on, so pacing at 60 000 a minute never holds a test back. */
    private volatile long autoAdvanceNanos = Duration.ofMillis(1).toNanos();

    private final AtomicInteger correlations = new AtomicInteger();
    private CampaignBook book;

    @BeforeEach
    void newBook() {
        book = newBook(journal);
    }

    private CampaignBook newBook(List<Object> into) {
        CampaignJournal recorder = new CampaignJournal() {
            @Override
            public CompletableFuture<?> write(CampaignHeader header) {
                into.add(header);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<?> write(CampaignRow row) {
                into.add(row);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<?> forget(String campaignId, int rowCount) {
                into.add("forget " + campaignId + " " + rowCount);
                return CompletableFuture.completedFuture(null);
            }
        };
        return new CampaignBook(
                recorder,
                new CampaignTimeouts(Duration.ofMinutes(60), Duration.ofMinutes(10), Duration.ofSeconds(30)),
                () -> nanos.addAndGet(autoAdvanceNanos),
                () -> "corr-" + correlations.incrementAndGet());
    }

    private static CampaignHeader header(String id, int rows, int concurrency, int maxAttempts, String hours) {
        return new CampaignHeader(
                id,
                id,
                T0,
                new CampaignSettings(
                        "voice-ai", concurrency, 60_000, maxAttempts, 300, hours, "UTC", null, null, null, null),
                rows,
                CampaignStatus.RUNNING,
                null,
                T0);
    }

    private void addCampaign(int rows, int concurrency, int maxAttempts) {
        List<CampaignRow> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            list.add(CampaignRow.pending("c1", i, i + 2, "+91987654321" + i, Map.of("row", Integer.toString(i)), T0));
        }
        book.add(header("c1", rows, concurrency, maxAttempts, "00:00-00:00"), list);
    }

    private List<Dial> due(Instant at) {
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        return book.due(at, 100).dials();
    }

    private static StatusCallback terminal(String sid, String status, String customField) {
        return new StatusCallback(sid, status, "terminal", customField, null, null, false, List.of());
    }

    private Campaign campaign() {
        return book.get("c1").orElseThrow();
    }

    @Test
    void dialsNoMoreThanTheConcurrencyAndMovesOnWhenACallEnds() {
        addCampaign(3, 2, 1);
        List<Dial> first = due(T0);
        assertThat(first).extracting(Dial::index).containsExactly(0, 1);
        assertThat(first.getFirst().order().variables()).containsEntry("row", "0");
        assertThat(first.getFirst().order().campaignId()).isEqualTo("c1");
        assertThat(first.getFirst().order().correlationId())
                .isEqualTo(first.getFirst().correlationId());
        assertThat(due(T0)).isEmpty();

        book.placed(first.get(0), "sid-0", "in-progress", T0);
        book.onStatus(terminal("sid-0", "completed", null), T0);

        assertThat(due(T0)).extracting(Dial::index).containsExactly(2);
        assertThat(campaign().rows[0].outcome()).isEqualTo("completed");
    }

    @Test
    void retriesBusyAndNoAnswerAfterTheDelayUpToTheAttempts() {
        addCampaign(1, 1, 2);
        Dial dial = due(T0).getFirst();
        book.placed(dial, "sid-a", "in-progress", T0);
        book.onStatus(terminal("sid-a", "busy", null), T0);

        CampaignRow row = campaign().rows[0];
        assertThat(row.state()).isEqualTo(RowState.PENDING);
        assertThat(row.nextAttemptAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(due(T0.plusSeconds(299))).isEmpty();

        Dial second = due(T0.plusSeconds(300)).getFirst();
        assertThat(second.correlationId()).isNotEqualTo(dial.correlationId());
        book.placed(second, "sid-b", "in-progress", T0.plusSeconds(300));
        book.onStatus(terminal("sid-b", "no-answer", null), T0.plusSeconds(330));

        assertThat(campaign().rows[0].state()).isEqualTo(RowState.DONE);
        assertThat(campaign().rows[0].outcome()).isEqualTo("no-answer");
        assertThat(campaign().rows[0].attempts()).isEqualTo(2);
        assertThat(campaign().header.status()).isEqualTo(CampaignStatus.FINISHED);
    }

    @Test
    void callbacksForAnEarlierAttemptOrAFinishedRowChangeNothing() {
        addCampaign(1, 1, 3);
        Dial first = due(T0).getFirst();
        book.placed(first, "sid-1", "in-progress", T0);
        book.onStatus(terminal("sid-1", "busy", null), T0);
        Dial second = due(T0.plusSeconds(300)).getFirst();
        book.placed(second, "sid-2", "in-progress", T0.plusSeconds(300));

        assertThat(book.onStatus(terminal("sid-1", "completed", null), T0.plusSeconds(301)))
                .isFalse();
        assertThat(campaign().rows[0].state()).isEqualTo(RowState.IN_CALL);
        book.onStatus(terminal("sid-2", "completed", null), T0.plusSeconds(302));
        int writes = journal.size();
        book.onStatus(terminal("sid-2", "completed", null), T0.plusSeconds(303));
        assertThat(journal).hasSize(writes);
    }

    @Test
    void aTimedOutDialWaitsForACallbackByCorrelationId() {
        addCampaign(1, 1, 2);
        Dial dial = due(T0).getFirst();
        book.failed(dial, exotel(ExotelApiException.Kind.TIMEOUT), T0);
        assertThat(campaign().rows[0].state()).isEqualTo(RowState.DIALING);

        book.onStatus(terminal("learned-sid", "completed", dial.correlationId()), T0.plusSeconds(60));

        assertThat(campaign().rows[0].callSid()).isEqualTo("learned-sid");
        assertThat(campaign().rows[0].outcome()).isEqualTo("completed");
        assertThat(campaign().rows[0].attempts()).isEqualTo(1);
    }

    @Test
    void anUnconfirmedDialWithoutNewsIsCalledAgainAfterTheTimeout() {
        addCampaign(1, 1, 2);
        Dial dial = due(T0).getFirst();
        book.failed(dial, exotel(ExotelApiException.Kind.TIMEOUT), T0);
        book.expire(T0.plus(Duration.ofMinutes(9)));
        assertThat(campaign().rows[0].state()).isEqualTo(RowState.DIALING);
        book.expire(T0.plus(Duration.ofMinutes(11)));
        assertThat(campaign().rows[0].state()).isEqualTo(RowState.PENDING);
        assertThat(due(T0.plus(Duration.ofMinutes(11)))).hasSize(1);
    }

    @Test
    void aPlacedCallWithoutTerminalStatusEndsAsNoStatus() {
        addCampaign(1, 1, 1);
        book.placed(due(T0).getFirst(), "sid", "in-progress", T0);
        book.expire(T0.plus(Duration.ofMinutes(61)));
        assertThat(campaign().rows[0].outcome()).isEqualTo("no-status");
    }

    @Test
    void failuresThatNeverReachedExotelGiveTheAttemptBackAndAccountRefusalsPause() {
        addCampaign(2, 2, 1);
        List<Dial> dials = due(T0);
        book.failed(dials.get(0), exotel(ExotelApiException.Kind.RATE_LIMITED), T0);
        assertThat(campaign().rows[0].state()).isEqualTo(RowState.PENDING);
        assertThat(campaign().rows[0].attempts()).isZero();
        assertThat(campaign().rows[0].nextAttemptAt()).isEqualTo(T0.plusSeconds(30));

        book.failed(dials.get(1), exotel(ExotelApiException.Kind.FORBIDDEN), T0);
        assertThat(campaign().header.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaign().header.statusReason()).contains("Exotel refused the account");
        assertThat(due(T0.plusSeconds(60))).isEmpty();

        book.resume("c1", T0.plusSeconds(60));
        assertThat(due(T0.plusSeconds(60))).hasSize(2);
    }

    @Test
    void aRejectedNumberIsDoneWithExotelsMessage() {
        addCampaign(1, 1, 3);
        book.failed(due(T0).getFirst(), exotel(ExotelApiException.Kind.REJECTED), T0);
        assertThat(campaign().rows[0].outcome()).isEqualTo("rejected");
        assertThat(campaign().rows[0].error()).isEqualTo("Exotel says no");
    }

    @Test
    void dialsOnlyWithinCallingHours() {
        List<CampaignRow> rows = List.of(CampaignRow.pending("c1", 0, 2, "+919876543210", Map.of(), T0));
        book.add(header("c1", 1, 1, 1, "09:00-17:00"), rows);
        CampaignBook.DueCalls early = book.due(Instant.parse("2026-08-20T08:00:00Z"), 10);
        assertThat(early.dials()).isEmpty();
        assertThat(early.nextLook()).isEqualTo(Instant.parse("2026-08-20T08:00:01Z"));
        assertThat(book.due(Instant.parse("2026-08-20T09:00:00Z"), 10).dials()).hasSize(1);
    }

    @Test
    void respectsTheCampaignsPace() {
        autoAdvanceNanos = 0;
        List<CampaignRow> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(CampaignRow.pending("c1", i, i + 2, "+91987654321" + i, Map.of(), T0));
        }
        book.add(
                new CampaignHeader(
                        "c1",
                        "c1",
                        T0,
                        new CampaignSettings("two-numbers", 10, 60, 1, 0, "00:00-00:00", "UTC", null, null, null, null),
                        3,
                        CampaignStatus.RUNNING,
                        null,
                        T0),
                rows);
        CampaignBook.DueCalls first = book.due(T0, 10);
        assertThat(first.dials()).hasSize(1);
        assertThat(first.nextLook()).isEqualTo(T0.plusSeconds(1));
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(book.due(T0, 10).dials()).isEmpty();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(book.due(T0, 10).dials()).hasSize(1);
    }

    @Test
    void cancellingMarksRowsNotYetCalled() {
        addCampaign(3, 1, 1);
        due(T0);
        book.cancel("c1", T0);
        assertThat(campaign().header.status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(campaign().count(RowState.DONE)).isEqualTo(2);
        assertThat(campaign().count(RowState.DIALING)).isEqualTo(1);
        assertThat(due(T0)).isEmpty();
    }

    @Test
    void restoresFromItsOwnJournalAndTreatsDialingRowsAsUnconfirmed() {
        addCampaign(3, 3, 2);
        List<Dial> dials = due(T0);
        book.placed(dials.get(0), "sid-0", "in-progress", T0);
        book.onStatus(terminal("sid-0", "busy", null), T0);
        book.placed(dials.get(1), "sid-1", "in-progress", T0);

        CampaignBook restored = newBook(new ArrayList<>());
        restored.restore(latestHeaders(), latestRows(), T0.plusSeconds(5));
        Campaign campaign = restored.get("c1").orElseThrow();

        assertThat(campaign.rows[0].state()).isEqualTo(RowState.PENDING);
        assertThat(campaign.rows[0].attempts()).isEqualTo(1);
        assertThat(campaign.rows[1].state()).isEqualTo(RowState.IN_CALL);
        assertThat(campaign.rows[2].state()).isEqualTo(RowState.DIALING);
        assertThat(campaign.rows[2].since()).isEqualTo(T0.plusSeconds(5));
        assertThat(restored.activeCalls()).isEqualTo(2);

        assertThat(restored.onStatus(terminal("sid-1", "completed", null), T0.plusSeconds(6)))
                .isTrue();
        assertThat(restored.onStatus(terminal("sid-2", "completed", dials.get(2).correlationId()), T0.plusSeconds(7)))
                .isTrue();
        assertThat(campaign.rows[2].outcome()).isEqualTo("completed");
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(restored.due(T0.plusSeconds(400), 10).dials())
                .extracting(Dial::index)
                .containsExactly(0);
    }

    @Test
    void endedCampaignsAreForgottenAfterTheRetention() {
        addCampaign(1, 1, 1);
        book.placed(due(T0).getFirst(), "sid", "in-progress", T0);
        assertThat(book.forgetEndedBefore(T0.plusSeconds(10))).isEmpty();
        book.onStatus(terminal("sid", "completed", null), T0.plusSeconds(5));
        assertThat(book.forgetEndedBefore(T0.plusSeconds(5))).isEmpty();
        assertThat(book.forgetEndedBefore(T0.plusSeconds(6))).containsExactly("c1");
        assertThat(book.get("c1")).isEmpty();
        assertThat(journal).contains("forget c1 1");
    }

    private List<CampaignHeader> latestHeaders() {
        Map<String, CampaignHeader> latest = new java.util.LinkedHashMap<>();
        journal.stream()
                .filter(CampaignHeader.class::isInstance)
                .map(CampaignHeader.class::cast)
                .forEach(h -> latest.put(h.id(), h));
        return List.copyOf(latest.values());
    }

    private List<CampaignRow> latestRows() {
        Map<Integer, CampaignRow> latest = new java.util.TreeMap<>();
        journal.stream()
                .filter(CampaignRow.class::isInstance)
                .map(CampaignRow.class::cast)
                .forEach(r -> latest.put(r.index(), r));
        return List.copyOf(latest.values());
    }

    private static ExotelApiException exotel(ExotelApiException.Kind kind) {
        return new ExotelApiException(kind, 0, null, "Exotel says no", null, null);
    }
}
