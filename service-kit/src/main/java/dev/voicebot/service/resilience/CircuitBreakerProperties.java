package dev.voicebot.service.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The circuit breakers' settings ({@code voicebot.breaker.*}, every provider of the service alike);
 * see {@link BreakerSettings}.
 */
@ConfigurationProperties("voicebot.breaker")
public record CircuitBreakerProperties(
        Integer consecutiveFailures, Double failureRate, Integer window, Duration openFor) {

    public BreakerSettings settings() {
        BreakerSettings defaults = BreakerSettings.DEFAULTS;
        return new BreakerSettings(
                consecutiveFailures == null ? defaults.consecutiveFailures() : consecutiveFailures,
                failureRate == null ? defaults.failureRate() : failureRate,
                window == null ? defaults.window() : window,
                openFor == null ? defaults.openFor() : openFor);
    }
}
