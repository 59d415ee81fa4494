package dev.voicebot.dialer.call;

import dev.voicebot.dialer.exotel.ExotelApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Makes a repeated request with the same idempotency key place at most one call: the repeat gets
 * the first request's answer (waiting for it if it is still running). A definite failure frees
 * the key so the client may try again; a failure whose outcome is unknown (Exotel timed out) keeps
 * it, because the call may have been placed. Keys live in memory for the configured retention.
 */
public final class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 255;

    private final Clock clock;
    private final Duration retention;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public IdempotencyKeys(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * @throws IdempotencyConflictException when the key was used for a different call
     */
    public PlacedCall run(String key, String fingerprint, Supplier<PlacedCall> placement) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("an idempotency key has 1-" + MAX_KEY_LENGTH + " characters");
        }
        Entry mine = new Entry(fingerprint, new CompletableFuture<>(), clock.instant());
        Entry existing;
        synchronized (this) {
            evictExpired();
            existing = entries.putIfAbsent(key, mine);
        }
        if (existing != null) {
            if (!existing.fingerprint.equals(fingerprint)) {
                throw new IdempotencyConflictException(
                        "the Idempotency-Key was already used for a different call; use a new key for a new call");
            }
            return awaitEarlier(existing.result).asReplay();
        }
        try {
            PlacedCall placed = placement.get();
            mine.result.complete(placed);
            return placed;
        } catch (RuntimeException e) {
            mine.result.completeExceptionally(e);
            if (!(e instanceof ExotelApiException exotel && exotel.kind().outcomeUnknown())) {
                synchronized (this) {
                    entries.remove(key, mine);
                }
            }
            throw e;
        }
    }

    private static PlacedCall awaitEarlier(CompletableFuture<PlacedCall> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first request with this key", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void evictExpired() {
        Instant oldest = clock.instant().minus(retention);
        Iterator<Entry> iterator = entries.values().iterator();
        while (iterator.hasNext()) {
            if (!iterator.next().createdAt.isBefore(oldest)) {
                return;
            }
            iterator.remove();
        }
    }

    private record Entry(String fingerprint, CompletableFuture<PlacedCall> result, Instant createdAt) {}
}
