package dev.voicebot.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The gateway's meters, exposed at {@code /actuator/prometheus}. */
public final class GatewayMetrics {

    public static final String PACING_JITTER = "voicebot.gateway.pacing.jitter";

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter lateFrames;
    private final Timer pacingJitter;
    private final Timer bargeIn;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder("voicebot.gateway.frames.in")
                .description("caller media messages published to Kafka")
                .register(registry);
        this.framesOut = Counter.builder("voicebot.gateway.frames.out")
                .description("bot media messages sent to Exotel")
                .register(registry);
        this.lateFrames = Counter.builder("voicebot.gateway.frames.late")
                .description("bot media messages sent more than one chunk after they were due")
                .register(registry);
        this.pacingJitter = Timer.builder(PACING_JITTER)
                .description("send time minus due time of each bot media message")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        this.bargeIn = Timer.builder("voicebot.gateway.barge_in")
                .description("caller audio that confirmed speech arrived on the socket → clear sent (STT worker and"
                        + " two Kafka hops)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }

    /** Reports {@code calls} as the number of calls whose sockets this gateway holds. */
    public void activeCalls(Supplier<Number> calls) {
        Gauge.builder("voicebot.gateway.calls.active", calls)
                .description("calls whose sockets this gateway holds")
                .strongReference(true)
                .register(registry);
    }

    public void frameIn() {
        framesIn.increment();
    }

    /** A media message went out {@code jitterNanos} after it was due. */
    public void frameOut(long jitterNanos, long chunkNanos) {
        framesOut.increment();
        pacingJitter.record(Math.max(0, jitterNanos), TimeUnit.NANOSECONDS);
        if (jitterNanos > chunkNanos) {
            lateFrames.increment();
        }
    }

    /**
     * The caller's speech cut the bot off; {@code sinceAudioMicros} is the time since the caller
     * audio that confirmed the speech arrived, or negative when unknown.
     */
    public void bargeIn(long sinceAudioMicros) {
        if (sinceAudioMicros >= 0) {
            bargeIn.record(sinceAudioMicros, TimeUnit.MICROSECONDS);
        }
    }

    /** A frame from Exotel was not used. */
    public void inputRejected(String reason) {
        registry.counter("voicebot.gateway.input.rejected", "reason", reason).increment();
    }

    /** A record of the route topic was not played. */
    public void routeRecordDropped(String reason) {
        registry.counter("voicebot.gateway.route.dropped", "reason", reason).increment();
    }

    public void publishFailed(String topic) {
        registry.counter("voicebot.gateway.publish.failed", "topic", topic).increment();
    }

    public void callEnded(String reason) {
        registry.counter("voicebot.gateway.calls.ended", "reason", reason).increment();
    }

    public void handshakeRefused(String reason) {
        registry.counter("voicebot.gateway.handshakes.refused", "reason", reason)
                .increment();
    }

    /** Reports {@code sockets} as the number of sockets this gateway holds, started or not. */
    public void openSockets(Supplier<Number> sockets) {
        Gauge.builder("voicebot.gateway.sockets.open", sockets)
                .description("sockets this gateway holds, counted against voicebot.gateway.socket.max-sockets")
                .strongReference(true)
                .register(registry);
    }

    /** A socket was closed for passing a time limit ({@code no_start}, {@code idle}, {@code max_duration}). */
    public void socketExpired(String limit) {
        registry.counter("voicebot.gateway.sockets.expired", "limit", limit).increment();
    }

    public void socketClosedForBackpressure() {
        registry.counter("voicebot.gateway.sockets.overflowed").increment();
    }

    public Timer pacingJitter() {
        return pacingJitter;
    }

    public double lateFrames() {
        return lateFrames.count();
    }
}
