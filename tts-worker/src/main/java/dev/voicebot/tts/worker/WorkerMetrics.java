package dev.voicebot.tts.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The worker's own measurements, exported with the service's other metrics. */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Timer cancelReaction;
    private final Timer cancelDelivery;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.cancelReaction = Timer.builder("tts.cancel.reaction")
                .description("TurnCancelled read to the turn's audio being refused")
                .register(registry);
        this.cancelDelivery = Timer.builder("tts.cancel.delivery")
                .description("TurnCancelled written (record timestamp) to read by this worker")
                .register(registry);
    }

    void firstAudio(String provider, long nanos) {
        Timer.builder("tts.segment.first.audio")
                .description("segment read to its first audio record sent")
                .tag("provider", provider)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void cancelDelivery(long millis) {
        cancelDelivery.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    void cancelReaction(long nanos) {
        cancelReaction.record(nanos, TimeUnit.NANOSECONDS);
    }

    void segment(String outcome) {
        Counter.builder("tts.segments")
                .description("segments by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void failure(String provider, String kind) {
        Counter.builder("tts.segment.failures")
                .tag("provider", provider)
                .tag("kind", kind)
                .register(registry)
                .increment();
    }
}
