package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void allowsTheLimitInAnySixtySecondWindow() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(3, now::get);
        assertThat(limiter.tryAcquire()).isTrue();
        now.addAndGet(20_000_000_000L);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(40_000_000_000L); // the first request leaves the window
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }
}
