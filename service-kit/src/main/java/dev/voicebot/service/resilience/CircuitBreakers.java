package dev.voicebot.service.resilience;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;

/**
 * Makes the circuit breakers of a service's providers, one per provider instance, each with its
 * metrics: {@code voicebot.provider.circuit.state} (0 closed, 1 half-open, 2 open) and {@code
 * voicebot.provider.circuit.transitions} (by the state moved to), tagged with service and provider.
 */
public final class CircuitBreakers {

    private final BreakerSettings settings;
    private final MeterRegistry registry;

    public CircuitBreakers(BreakerSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    /** Breakers with the default settings whose metrics go nowhere (a context without the service kit). */
    public static CircuitBreakers unmetered() {
        return new CircuitBreakers(BreakerSettings.DEFAULTS, new SimpleMeterRegistry());
    }

    public BreakerSettings settings() {
        return settings;
    }

    /** A new breaker for {@code provider} of {@code service} (stt, llm, tts). */
    public CircuitBreaker create(String service, String provider) {
        CircuitBreaker breaker = new CircuitBreaker(service + "/" + provider, settings);
        Gauge.builder("voicebot.provider.circuit.state", breaker, CircuitBreakers::stateValue)
                .description("0 closed, 1 half-open (one trial call), 2 open (calls go to the fallback)")
                .tag("service", service)
                .tag("provider", provider)
                .register(registry);
        breaker.addListener((b, from, to) -> Counter.builder("voicebot.provider.circuit.transitions")
                .tag("service", service)
                .tag("provider", provider)
                .tag("to", to.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment());
        return breaker;
    }

    private static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.state()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
