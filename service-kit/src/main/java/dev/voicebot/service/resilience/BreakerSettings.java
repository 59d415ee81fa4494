package dev.voicebot.service.resilience;

import java.time.Duration;

/**
 * When a {@link CircuitBreaker} opens and for how long.
 *
 * @param consecutiveFailures this many failures in a row open it
 * @param failureRate so does this share of failures (0 to 1) over a full window
 * @param window the outcomes the failure rate is taken over
 * @param openFor how long it stays open before one trial call goes through
 */
public record BreakerSettings(int consecutiveFailures, double failureRate, int window, Duration openFor) {

    public static final BreakerSettings DEFAULTS = new BreakerSettings(5, 0.5, 20, Duration.ofSeconds(30));

    public BreakerSettings {
        if (consecutiveFailures < 1 || window < 1 || failureRate <= 0 || failureRate > 1) {
            throw new IllegalArgumentException("circuit breaker: consecutive-failures and window must be >= 1 and"
                    + " failure-rate in (0, 1], not " + consecutiveFailures + ", " + window + ", " + failureRate);
        }
        if (openFor == null || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("circuit breaker: open-for must be positive, not " + openFor);
        }
    }
}
