package dev.voicebot.tts.worker;

import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.worker.SegmentJob.Outcome;
import dev.voicebot.tts.worker.TurnLedger.Ending;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs synthesis off the Kafka consumer thread, so that a cancellation is seen the moment it is
 * read: the consumer only queues segments and cancels turns, both instant. Each call has its own
 * queue, spoken one segment after another on a shared, bounded pool of threads, so one call's slow
 * synthesis never holds up another call's.
 */
public final class SynthesisDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SynthesisDispatcher.class);

    /** How long a stopping worker keeps speaking the segments it already took. */
    static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(10);

    private static final long DRAIN_POLL_MILLIS = 20;

    private final SpeechSynthesizer synthesizer;
    private final AudioPublisher publisher;
    private final TextPreparer text;
    private final WorkerMetrics metrics;
    private final int minRecordMillis;
    private final int maxRecordMillis;
    private final long idleNanos;
    private final ConcurrentHashMap<String, CallSynthesis> calls = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final ScheduledExecutorService sweeper;

    public SynthesisDispatcher(
            SpeechSynthesizer synthesizer,
            AudioPublisher publisher,
            TextPreparer text,
            WorkerMetrics metrics,
            int threads,
            int minRecordMillis,
            int maxRecordMillis,
            Duration callIdleTimeout) {
        this.synthesizer = synthesizer;
        this.publisher = publisher;
        this.text = text;
        this.metrics = metrics;
        this.minRecordMillis = minRecordMillis;
        this.maxRecordMillis = maxRecordMillis;
        this.idleNanos = callIdleTimeout.toNanos();
        this.pool = Executors.newFixedThreadPool(threads, named("tts-synth-"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(named("tts-sweeper-"));
        long sweepMillis = Math.max(1_000, Math.min(30_000, callIdleTimeout.toMillis() / 2));
        sweeper.scheduleWithFixedDelay(this::evictIdleCalls, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** Queues a segment behind the call's earlier ones. Never blocks. */
    public void submit(SegmentOrder order) {
        Ending[] dropped = new Ending[1];
        CallSynthesis call = calls.compute(order.callSid(), (sid, existing) -> {
            CallSynthesis target = existing != null ? existing : new CallSynthesis(sid);
            dropped[0] = target.enqueue(order);
            return target;
        });
        if (dropped[0] != null) {
            metrics.segment("dropped");
            log.info(
                    "call {} turn {}: segment {} dropped, the turn is already {}",
                    order.callSid(),
                    order.turn(),
                    order.segment().sequence(),
                    dropped[0].name().toLowerCase());
            return;
        }
        pool.execute(() -> runNext(call));
    }

    /**
     * Stops the turn at once: its audio is refused from the moment this returns, its waiting
     * segments are dropped, and the synthesis in progress is cancelled. Never blocks.
     */
    public void cancel(String callSid, int turn, long receivedAtNanos, long writtenAtMillis) {
        metrics.cancelDelivery(System.currentTimeMillis() - writtenAtMillis);
        CallSynthesis call = calls.computeIfAbsent(callSid, CallSynthesis::new);
        List<SegmentOrder> dropped = new ArrayList<>();
        SegmentJob running = call.cancelTurn(turn, dropped);
        metrics.cancelReaction(System.nanoTime() - receivedAtNanos);
        dropped.forEach(order -> metrics.segment("dropped"));
        if (running != null) {
            running.cancel();
        }
        synthesizer.endContext(SegmentOrder.contextKey(callSid, turn));
        log.debug("call {} turn {} cancelled; {} waiting segments dropped", callSid, turn, dropped.size());
    }

    /** Calls with state in this worker. */
    public int activeCalls() {
        return calls.size();
    }

    /**
     * Finishes the segments already taken, up to {@link #SHUTDOWN_DRAIN}, then stops. At shutdown
     * the listener containers stop first (the worker leaves its group, other workers take its
     * partitions and the segments that follow), so a turn in flight here is spoken to its end
     * instead of being cut; the Kafka producer is closed after this returns.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + SHUTDOWN_DRAIN.toNanos();
        try {
            while (calls.values().stream().anyMatch(CallSynthesis::busy) && System.nanoTime() < deadline) {
                Thread.sleep(DRAIN_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long unfinished = calls.values().stream().filter(CallSynthesis::busy).count();
        if (unfinished > 0) {
            log.warn("stopping with {} call(s) still synthesizing after {} s", unfinished, SHUTDOWN_DRAIN.toSeconds());
        }
        sweeper.shutdownNow();
        pool.shutdownNow();
    }

    private void runNext(CallSynthesis call) {
        SegmentJob job = call.startNext(this::newJob);
        if (job == null) {
            return;
        }
        try {
            job.start(text.pieces(
                    job.order().segment().text(), synthesizer.capabilities().alphabet()));
        } catch (RuntimeException e) {
            log.error("call {}: synthesis could not start", call.callSid(), e);
            job.onError(new SynthesisException(SynthesisException.Kind.ENGINE, "synthesis could not start: " + e));
        }
    }

    private SegmentJob newJob(CallSynthesis call, SegmentOrder order) {
        return new SegmentJob(
                call,
                order,
                synthesizer,
                publisher,
                RecordBatcher.forRate(order.sampleRate(), minRecordMillis, maxRecordMillis),
                (job, outcome, error) -> jobEnded(call, job, outcome, error),
                metrics);
    }

    private void jobEnded(CallSynthesis call, SegmentJob job, Outcome outcome, SynthesisException error) {
        SegmentOrder order = job.order();
        List<SegmentOrder> dropped = call.finished(job, outcome == Outcome.FAILED, publisher);
        metrics.segment(outcome.name().toLowerCase());
        if (outcome == Outcome.FAILED) {
            metrics.failure(synthesizer.provider(), error.kind().name());
            dropped.forEach(d -> metrics.segment("dropped"));
            log.warn(
                    "call {} turn {} segment {}: {} failed ({}, {}); turn closed, {} later segments dropped",
                    order.callSid(),
                    order.turn(),
                    order.segment().sequence(),
                    synthesizer.provider(),
                    error.kind(),
                    error.getMessage(),
                    dropped.size());
            publisher.publishFailure(order, synthesizer.provider(), error);
        }
        if (outcome != Outcome.COMPLETED || order.segment().last()) {
            synthesizer.endContext(order.contextKey());
        }
        pool.execute(() -> runNext(call));
    }

    private void evictIdleCalls() {
        long now = System.nanoTime();
        for (String callSid : calls.keySet()) {
            List<Integer> openTurns = new ArrayList<>();
            calls.computeIfPresent(callSid, (sid, call) -> {
                if (!call.idleFor(idleNanos, now)) {
                    return call;
                }
                openTurns.addAll(call.openTurns());
                return null;
            });
            openTurns.forEach(turn -> synthesizer.endContext(SegmentOrder.contextKey(callSid, turn)));
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
