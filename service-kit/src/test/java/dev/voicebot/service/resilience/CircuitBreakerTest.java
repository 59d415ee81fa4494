package dev.voicebot.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.service.resilience.CircuitBreaker.State;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker =
            new CircuitBreaker("tts/test", new BreakerSettings(3, 0.5, 10, OPEN_FOR), now::get);

    @Test
    void opensAfterTheConfiguredFailuresInARowAndThenLetsNothingThrough() {
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void aSuccessBetweenFailuresResetsTheRunButTheFailureRateStillCounts() {
        for (int i = 0; i < 4; i++) {
            breaker.onFailure();
            breaker.onFailure();
            breaker.onSuccess();
        }
        // 8 failures of 12 outcomes, never 3 in a row; the window of 10 holds at least 6 failures
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aFailureRateBelowTheThresholdKeepsItClosed() {
        for (int i = 0; i < 10; i++) {
            breaker.onFailure();
            breaker.onSuccess();
            breaker.onSuccess();
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void afterTheCoolDownOneTrialGoesThroughAndItsSuccessClosesTheBreaker() {
        fail(3);
        now.addAndGet(OPEN_FOR.toNanos() - 1);
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(1);

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("a second caller during the trial").isFalse();

        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensItForAnotherCoolDown() {
        fail(3);
        now.addAndGet(OPEN_FOR.toNanos());
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        now.addAndGet(OPEN_FOR.toNanos() / 2);
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(OPEN_FOR.toNanos() / 2);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aTrialThatEndsWithoutAnOutcomeFreesTheSlotForTheNextCaller() {
        fail(3);
        now.addAndGet(OPEN_FOR.toNanos());
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.onIgnored();

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void listenersAndMetricsSeeEveryStateChange() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CircuitBreaker measured = new CircuitBreakers(new BreakerSettings(1, 1, 1, Duration.ofMillis(1)), registry)
                .create("llm", "openai");
        List<String> changes = new ArrayList<>();
        measured.addListener((b, from, to) -> changes.add(from + ">" + to));

        measured.onFailure();
        assertThat(registry.get("voicebot.provider.circuit.state")
                        .tag("service", "llm")
                        .tag("provider", "openai")
                        .gauge()
                        .value())
                .isEqualTo(2);

        await(Duration.ofMillis(5));
        assertThat(measured.tryAcquire()).isTrue();
        measured.onSuccess();

        assertThat(changes).containsExactly("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
        assertThat(registry.get("voicebot.provider.circuit.transitions")
                        .tag("to", "open")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("voicebot.provider.circuit.state").gauge().value())
                .isZero();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
    }

    private static void await(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
