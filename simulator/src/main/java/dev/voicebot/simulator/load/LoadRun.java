package dev.voicebot.simulator.load;

import dev.voicebot.simulator.CallConnectException;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.demo.DemoConversation;
import dev.voicebot.simulator.demo.DemoDialogue;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Many simulated Exotel calls at once against one gateway, each playing the demo conversation ({@link DemoDialogue}):
 * {@code calls} slots start one after another {@code stagger} apart, and each slot places a new call as soon as its
 * previous one has ended, until {@code duration} has passed; then the calls in flight are played to their end.
 *
 * <p>The caller's lines are spoken once by FreeTTS before the run and shared by every call, so the generator's own
 * cost is the sockets, the 100 ms media frames and the playout clock of each call.
 */
public final class LoadRun {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration AFTER_REFUSAL = Duration.ofSeconds(1);

    private final LoadSettings settings;
    private final DemoDialogue dialogue;
    private final Map<String, byte[]> voiced;
    private final Consumer<String> progress;
    private final List<CallOutcome> outcomes = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private long startNanos;

    private LoadRun(LoadSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.dialogue = DemoDialogue.demo();
        this.voiced = DemoConversation.voice(dialogue, settings.sampleRate());
        this.progress = progress;
    }

    /**
     * Runs the load and returns what happened.
     *
     * @param progress receives a line about every 10 s (calls in flight, ended, failed)
     * @throws IllegalArgumentException if the URL or sample rate break Exotel's rules
     */
    public static LoadResult run(LoadSettings settings, Consumer<String> progress) throws InterruptedException {
        return new LoadRun(settings, progress).run();
    }

    private LoadResult run() throws InterruptedException {
        long cpuBefore = processCpuNanos();
        startNanos = System.nanoTime();
        int minInFlight = Integer.MAX_VALUE;
        int maxInFlight = 0;
        long rampEnd = settings.stagger().toMillis() * (settings.calls() - 1);
        try (ExecutorService slots = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int slot = 0; slot < settings.calls(); slot++) {
                int index = slot;
                running.add(slots.submit(() -> {
                    runSlot(index);
                    return null;
                }));
            }
            long nextProgress = PROGRESS_EVERY.toMillis();
            while (!running.stream().allMatch(Future::isDone)) {
                Thread.sleep(200);
                long now = nowMillis();
                int flying = inFlight.get();
                if (now > rampEnd + 1000 && now < settings.duration().toMillis()) {
                    minInFlight = Math.min(minInFlight, flying);
                }
                maxInFlight = Math.max(maxInFlight, flying);
                if (now >= nextProgress) {
                    nextProgress += PROGRESS_EVERY.toMillis();
                    progress.accept(progressLine(now, flying));
                }
            }
            for (Future<?> slot : running) {
                rethrow(slot);
            }
        }
        long wall = nowMillis();
        double cores = (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, wall);
        synchronized (outcomes) {
            return new LoadResult(
                    settings,
                    List.copyOf(outcomes),
                    wall,
                    minInFlight == Integer.MAX_VALUE ? maxInFlight : minInFlight,
                    maxInFlight,
                    cores);
        }
    }

    private void runSlot(int slot) throws InterruptedException {
        Thread.sleep(settings.stagger().toMillis() * slot);
        int sequence = 0;
        while (nowMillis() < settings.duration().toMillis()) {
            CallOutcome outcome = oneCall(callerNumber(slot, sequence++));
            synchronized (outcomes) {
                outcomes.add(outcome);
            }
        }
    }

    private CallOutcome oneCall(String from) throws InterruptedException {
        SimulatedCall call;
        try {
            call = SimulatedCall.builder(settings.url())
                    .sampleRate(settings.sampleRate())
                    .from(from)
                    .recordAudio(false)
                    .connect();
        } catch (CallConnectException e) {
            CallOutcome refused = CallOutcome.refused(nowMillis(), e.getMessage());
            Thread.sleep(AFTER_REFUSAL);
            return refused;
        }
        inFlight.incrementAndGet();
        long openedAt = nowMillis() - call.elapsedMillis();
        try (call) {
            List<String> problems = DemoConversation.play(call, dialogue, settings.timing(), voiced);
            // a bot that has not ended the call is hung up on, as a caller would; it is stuck if it ignores that too
            boolean stuck = false;
            if (call.isOpen()) {
                try {
                    stuck = call.hangUp().unanswered();
                } catch (IllegalStateException e) {
                    stuck = true;
                }
            }
            return CallOutcome.of(call, openedAt, problems, stuck);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private String progressLine(long now, int flying) {
        int ended;
        long failed;
        synchronized (outcomes) {
            ended = outcomes.size();
            failed = outcomes.stream().filter(CallOutcome::failed).count();
        }
        return String.format(
                Locale.ROOT, "load: %4d s, %d calls in flight, %d ended, %d failed", now / 1000, flying, ended, failed);
    }

    /** Distinct caller numbers, so that no two calls in flight look like the same caller. */
    private static String callerNumber(int slot, int sequence) {
        return String.format(Locale.ROOT, "+9190%04d%04d", slot % 10_000, sequence % 10_000);
    }

    private long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static void rethrow(Future<?> slot) throws InterruptedException {
        try {
            slot.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a call slot failed: " + e.getCause(), e.getCause());
        }
    }
}
