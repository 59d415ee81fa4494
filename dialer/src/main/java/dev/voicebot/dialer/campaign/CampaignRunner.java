package dev.voicebot.dialer.campaign;

import dev.voicebot.common.privacy.Redact;
import dev.voicebot.dialer.call.CallService;
import dev.voicebot.dialer.call.PlacedCall;
import dev.voicebot.dialer.callback.CallStatusListener;
import dev.voicebot.dialer.callback.StatusCallback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the campaigns: one loop thread takes due rows from the {@link CampaignBook} and hands each
 * to a virtual thread that waits until the row's DIALING state is durable, then places the call
 * through {@link CallService} (which keeps the account's rate). Status callbacks move rows on.
 * State is read back from the {@link CampaignStore} at start; on stop, calls already being placed
 * are finished so their CallSids are recorded.
 */
public class CampaignRunner implements SmartLifecycle, CallStatusListener {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ACCOUNT_RATE_WAIT = Duration.ofHours(1);

    private final CampaignStore store;
    private final CallService calls;
    private final Clock clock;
    private final int maxActiveCalls;
    private final Duration stopTimeout;
    private final Duration retention;
    private final boolean enabled;
    private final CampaignBook book;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private ExecutorService dialers;
    private Thread loop;
    private volatile boolean running;
    private boolean wakeRequested;
    private Instant nextCleanUp = Instant.MIN;

    public CampaignRunner(
            CampaignStore store,
            CallService calls,
            Clock clock,
            CampaignTimeouts timing,
            int maxActiveCalls,
            Duration stopTimeout,
            Supplier<String> correlationIds,
            boolean enabled,
            Duration retention) {
        this.enabled = enabled;
        this.retention = retention;
        this.store = store;
        this.calls = calls;
        this.clock = clock;
        this.maxActiveCalls = maxActiveCalls;
        this.stopTimeout = stopTimeout;
        this.book = new CampaignBook(store, timing, System::nanoTime, correlationIds);
    }

    /**
     * Adds a campaign and returns once all of it is durable.
     *
     * @throws IllegalStateException when campaigns are disabled on this instance or state cannot be stored
     */
    public void add(CampaignHeader header, List<CampaignRow> rows) {
        if (!running) {
            throw new IllegalStateException("campaigns are not running on this dialer instance"
                    + (enabled ? " (it is starting or stopping)" : " (DIALER_CAMPAIGNS_ENABLED=false)"));
        }
        CompletableFuture<Void> written = locked(book -> book.add(header, rows));
        await(written);
        signal();
    }

    /** Reads a campaign under the lock, so the view is consistent. */
    public <T> Optional<T> view(String id, Function<Campaign, T> reader) {
        return locked(book -> book.get(id).map(reader));
    }

    public <T> List<T> viewAll(Function<Campaign, T> reader) {
        return locked(book -> book.all().stream().map(reader).toList());
    }

    public boolean pause(String id) {
        return change(id, book -> book.pause(id, "paused by request", clock.instant()));
    }

    public boolean resume(String id) {
        return change(id, book -> book.resume(id, clock.instant()));
    }

    public boolean cancel(String id) {
        return change(id, book -> book.cancel(id, clock.instant()));
    }

    @Override
    public void onStatus(StatusCallback callback, Instant at) {
        CompletableFuture<?> written = locked(book -> book.onStatus(callback, at) ? book.lastWrite() : null);
        if (written != null) {
            await(written);
            signal();
        }
    }

    @Override
    public void start() {
        CampaignStore.Snapshot snapshot = store.load(Duration.ofSeconds(60));
        locked(book -> {
            book.restore(snapshot.headers(), snapshot.rows(), clock.instant());
            return null;
        });
        if (!snapshot.headers().isEmpty()) {
            log.info(
                    "restored {} campaigns ({} rows) from the journal",
                    snapshot.headers().size(),
                    snapshot.rows().size());
        }
        dialers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("campaign-dial-", 0).factory());
        running = true;
        loop = Thread.ofPlatform().name("campaign-runner").daemon().start(this::runLoop);
    }

    @Override
    public void stop() {
        running = false;
        signal();
        try {
            if (loop != null) {
                loop.join(stopTimeout.toMillis());
            }
            if (dialers != null) {
                dialers.shutdown();
                if (!dialers.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn(
                            "campaign calls still being placed after {}; their rows will wait for callbacks",
                            stopTimeout);
                    dialers.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void runLoop() {
        while (running) {
            try {
                CampaignBook.DueCalls due = locked(book -> {
                    Instant now = clock.instant();
                    book.expire(now);
                    if (now.isAfter(nextCleanUp)) {
                        nextCleanUp = now.plus(Duration.ofMinutes(10));
                        List<String> dropped = book.forgetEndedBefore(now.minus(retention));
                        if (!dropped.isEmpty()) {
                            log.info(
                                    "forgot {} campaigns ended more than {} ago: {}",
                                    dropped.size(),
                                    retention,
                                    dropped);
                        }
                    }
                    return book.due(now, maxActiveCalls);
                });
                for (Dial dial : due.dials()) {
                    dialers.execute(() -> dial(dial));
                }
                sleepUntil(due.nextLook());
            } catch (RuntimeException e) {
                log.error("campaign loop error; continuing in 1 s", e);
                sleepUntil(clock.instant().plusSeconds(1));
            }
        }
    }

    private void dial(Dial dial) {
        try {
            dial.recorded().get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.error(
                    "campaign {} row {}: DIALING state not stored, not calling: {}",
                    dial.campaignId(),
                    dial.index(),
                    e.toString());
            locked(book -> {
                book.failed(dial, new NotDialedException("campaign state could not be stored", e), clock.instant());
                return null;
            });
            signal();
            return;
        }
        try {
            PlacedCall placed = calls.place(dial.order(), null, ACCOUNT_RATE_WAIT);
            locked(book -> {
                book.placed(dial, placed.callSid(), placed.exotelStatus(), clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            log.warn(
                    "campaign {} row {} ({}) not placed: {}",
                    dial.campaignId(),
                    dial.index(),
                    Redact.phone(dial.order().phoneNumber()),
                    e.getClass().getSimpleName());
            locked(book -> {
                book.failed(dial, e, clock.instant());
                return null;
            });
        }
        signal();
    }

    private boolean change(String id, Consumer<CampaignBook> action) {
        CompletableFuture<?> written = locked(book -> {
            if (book.get(id).isEmpty()) {
                return null;
            }
            action.accept(book);
            return book.lastWrite();
        });
        if (written == null) {
            return false;
        }
        await(written);
        signal();
        return true;
    }

    private <T> T locked(Function<CampaignBook, T> action) {
        lock.lock();
        try {
            return action.apply(book);
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void sleepUntil(Instant when) {
        long nanos = Duration.between(clock.instant(), when).toNanos();
        lock.lock();
        try {
            while (!wakeRequested && nanos > 0 && running) {
                nanos = wake.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static void await(CompletableFuture<?> write) {
        try {
            write.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing campaign state", e);
        } catch (Exception e) {
            throw new IllegalStateException("campaign state could not be stored in Kafka: " + e.getMessage(), e);
        }
    }
}
