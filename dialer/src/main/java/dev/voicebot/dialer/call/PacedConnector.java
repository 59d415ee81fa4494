package dev.voicebot.dialer.call;

import dev.voicebot.dialer.exotel.ConnectRequest;
import dev.voicebot.dialer.exotel.ExotelApiException;
import dev.voicebot.dialer.exotel.ExotelCall;
import dev.voicebot.dialer.exotel.ExotelConnectClient;
import dev.voicebot.dialer.rate.RateLimitExceededException;
import dev.voicebot.dialer.rate.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Connect requests no faster than the account's rate, and retries the ones Exotel answers
 * with 429 after a back-off (Exotel's Retry-After when given, else doubling from the base delay,
 * with jitter); the back-off holds every other request too. Nothing else is retried: a 5xx or a
 * time-out may have placed the call, and dialing a customer twice is worse than failing once.
 */
public class PacedConnector {

    private static final Logger log = LoggerFactory.getLogger(PacedConnector.class);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(60);

    private final ExotelConnectClient client;
    private final RateLimiter limiter;
    private final int retriesOn429;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final MeterRegistry meters;

    public PacedConnector(
            ExotelConnectClient client,
            RateLimiter limiter,
            int retriesOn429,
            Duration baseDelay,
            Duration maxDelay,
            MeterRegistry meters) {
        this.client = client;
        this.limiter = limiter;
        this.retriesOn429 = retriesOn429;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.meters = meters;
    }

    /**
     * @param maxQueueWait how long this request may wait for a slot under the account's rate
     * @throws RateLimitExceededException when no slot is free within {@code maxQueueWait}
     * @throws ExotelApiException when Exotel refuses or fails (429 only after the retries)
     */
    public ExotelCall connect(ConnectRequest request, Duration maxQueueWait) {
        for (int attempt = 0; ; attempt++) {
            acquire(maxQueueWait);
            long started = System.nanoTime();
            String outcome = "placed";
            try {
                return client.connect(request);
            } catch (ExotelApiException e) {
                outcome = e.kind().name().toLowerCase(java.util.Locale.ROOT);
                if (e.kind() != ExotelApiException.Kind.RATE_LIMITED || attempt >= retriesOn429) {
                    throw e;
                }
                Duration delay = backOff(attempt, e.retryAfter());
                log.warn("Exotel answered 429; retry {} of {} in {} ms", attempt + 1, retriesOn429, delay.toMillis());
                limiter.holdOff(delay);
                sleep(delay);
            } finally {
                if (meters != null) {
                    Timer.builder("dialer.exotel.connect")
                            .description("Connect API round trips, by outcome")
                            .tag("outcome", outcome)
                            .publishPercentiles(0.5, 0.99)
                            .register(meters)
                            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    Duration backOff(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isZero()) {
            return retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        }
        long base = baseDelay.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        long jitter = capped / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5);
        return Duration.ofMillis(capped - capped / 10 + jitter);
    }

    private void acquire(Duration maxQueueWait) {
        try {
            limiter.acquire(maxQueueWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitExceededException("interrupted while waiting for the call rate", Duration.ofSeconds(1));
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitExceededException("interrupted during the back-off after Exotel's 429", delay);
        }
    }
}
