package dev.voicebot.dialer.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void spacesRequestsEvenlyWithABurstOfOne() {
        RateLimiter limiter = new RateLimiter(200, 1, 10, now::get);
        assertThat(limiter.tryAcquire()).isZero();
        long wait = limiter.tryAcquire();
        assertThat(Duration.ofNanos(wait)).isEqualTo(Duration.ofMillis(300));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(limiter.tryAcquire()).isZero();
    }

    @Test
    void neverAllowsMoreThanTheRateInAnySixtySecondWindow() {
        RateLimiter limiter = new RateLimiter(200, 1, 0, now::get);
        List<Long> granted = new ArrayList<>();
        long end = now.get() + TimeUnit.MINUTES.toNanos(3);
        while (now.get() < end) {
            if (limiter.tryAcquire() == 0) {
                granted.add(now.get());
            }
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(7));
        }
        int first = 0;
        int most = 0;
        for (int last = 0; last < granted.size(); last++) {
            while (granted.get(last) - granted.get(first) >= TimeUnit.SECONDS.toNanos(60)) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        assertThat(most).isEqualTo(200);
        assertThat(granted).hasSizeBetween(598, 601);
    }

    @Test
    void aBurstLetsThatManyThroughAtOnce() {
        RateLimiter limiter = new RateLimiter(60, 5, 0, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        assertThat(Duration.ofNanos(limiter.tryAcquire())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesWhenTheWaitWouldBeTooLongAndTakesNothing() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(60, 1, 10, now::get);
        limiter.acquire(Duration.ZERO);
        assertThatThrownBy(() -> limiter.acquire(Duration.ofMillis(500)))
                .isInstanceOfSatisfying(RateLimitExceededException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(e.retryAfterSeconds()).isEqualTo(1);
                });
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        limiter.acquire(Duration.ZERO);
    }

    @Test
    void refusesWhenTheQueueIsFull() throws Exception {
        RateLimiter limiter = new RateLimiter(60, 1, 1, System::nanoTime);
        limiter.acquire(Duration.ZERO);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                limiter.acquire(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (limiter.waiting() == 0 && waiter.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(limiter.waiting()).isEqualTo(1);
        assertThatThrownBy(() -> limiter.acquire(Duration.ofSeconds(5)))
                .isInstanceOf(RateLimitExceededException.class)
                .hasMessageContaining("already waiting");
        waiter.join();
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void aWaitingRequestGetsItsSlot() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(600, 1, 5, System::nanoTime);
        limiter.acquire(Duration.ZERO);
        long started = System.nanoTime();
        limiter.acquire(Duration.ofSeconds(1));
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));
    }

    @Test
    void holdOffKeepsEveryoneAway() {
        RateLimiter limiter = new RateLimiter(6000, 1, 0, now::get);
        limiter.holdOff(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(limiter.tryAcquire())).isEqualTo(Duration.ofSeconds(2));
    }
}
