package dev.voicebot.stt.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The worker's meters, under {@code voicebot.stt.*}. */
public final class SttMetrics {

    private final MeterRegistry registry;
    private final Counter sessions;

    public SttMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sessions = Counter.builder("voicebot.stt.sessions")
                .description("call speech sessions opened")
                .register(registry);
    }

    void trackActiveCalls(Supplier<Number> active) {
        Gauge.builder("voicebot.stt.calls.active", active)
                .description("calls with an open speech session")
                .register(registry);
    }

    void sessionOpened() {
        sessions.increment();
    }

    void audioRecord(AudioIntake.Outcome outcome) {
        registry.counter("voicebot.stt.audio.records", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    void audioDropped(String reason) {
        registry.counter("voicebot.stt.audio.records", "outcome", "dropped-" + reason)
                .increment();
    }
}
