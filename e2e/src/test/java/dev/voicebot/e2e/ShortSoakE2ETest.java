package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.simulator.load.LoadResult;
import dev.voicebot.simulator.load.LoadRun;
import dev.voicebot.simulator.load.LoadSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The soak of docs/benchmarks.md kept short for CI: ten demo conversations at once through the five services for
 * about a minute, each call followed by a new one as it ends. No call may fail (every reply in time, the bot ending
 * each call after its goodbye, no protocol error) or stay open, the gateway's gauge of calls in flight must return to
 * 0, and the gateway's heap after a full collection must not have grown much. Speed is not asserted.
 */
@ExtendWith(PipelineExtension.class)
@Isolated("ten calls at once load the machine; other tests' timing would suffer")
class ShortSoakE2ETest {

    private static final int CALLS = 10;
    private static final Duration NEW_CALLS_FOR = Duration.ofSeconds(45);
    private static final Duration STAGGER = Duration.ofSeconds(1);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** Loose: one run is too short to tell a leak from the caches and pools a first load fills. */
    private static final double HEAP_GROWTH_FACTOR = 1.5;

    private static final long HEAP_GROWTH_SLACK_BYTES = 16L * 1024 * 1024;

    @Test
    void callsKeepRunningWithoutErrorsStuckCallsOrHeapGrowth(E2ePipeline pipeline) throws Exception {
        ServiceProcess gateway = pipeline.service("gateway");
        long heapBefore = gateway.heapAfterGcBytes();
        LoadSettings settings = new LoadSettings(
                pipeline.gatewayUrl(),
                CALLS,
                NEW_CALLS_FOR,
                STAGGER,
                STAGGER.multipliedBy(CALLS),
                LoadSettings.DEFAULT_SAMPLE_RATE,
                LoadSettings.loadTiming());

        LoadResult result = LoadRun.run(settings, System.out::println);
        System.out.print(result.render());
        double activeAfter = PipelineProbe.of(pipeline).awaitNoActiveCalls(DRAIN);
        long heapAfter = gateway.heapAfterGcBytes();
        System.out.printf(
                "short soak: gateway heap after GC %d KB before, %d KB after%n", heapBefore / 1024, heapAfter / 1024);

        assertThat(result.outcomes()).as("calls placed").hasSizeGreaterThanOrEqualTo(CALLS);
        assertThat(result.errorCounts()).as("errors of the calls").isEmpty();
        assertThat(result.stuckCalls())
                .as("calls still open after their conversation")
                .isZero();
        assertThat(activeAfter)
                .as("the gateway's calls in flight after the run")
                .isZero();
        assertThat(heapAfter)
                .as("the gateway's heap after GC, %d KB before the run", heapBefore / 1024)
                .isLessThanOrEqualTo((long) (heapBefore * HEAP_GROWTH_FACTOR) + HEAP_GROWTH_SLACK_BYTES);
    }
}
