package dev.voicebot.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.gateway.socket.SocketLimits.Expiry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SocketLimitsTest {

    private static final long S = 1_000_000_000L;
    private final SocketLimits limits = new SocketLimits(
            10, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(60), Duration.ofMinutes(2));

    @Test
    void aSocketHasTenSecondsToStart() {
        assertThat(limits.overdue(0, 0, false, 9 * S)).isNull();
        assertThat(limits.overdue(0, 5 * S, false, 10 * S)).isEqualTo(Expiry.NO_START);
    }

    @Test
    void aStartedCallMayNotFallSilent() {
        assertThat(limits.overdue(0, 100 * S, true, 129 * S)).isNull();
        assertThat(limits.overdue(0, 100 * S, true, 130 * S)).isEqualTo(Expiry.IDLE);
    }

    @Test
    void noStreamOutlivesItsMaximum() {
        assertThat(limits.overdue(0, 3599 * S, true, 3600 * S)).isEqualTo(Expiry.MAX_DURATION);
        assertThat(limits.describe(Expiry.MAX_DURATION)).isEqualTo("stream reached its 3600 s limit");
    }

    @Test
    void sweepsOftenEnoughForTheShortestTimeout() {
        assertThat(limits.sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        var quick = new SocketLimits(
                1, Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
        assertThat(quick.sweepInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new SocketLimits(
                        0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("max-sockets");
        assertThatThrownBy(() -> new SocketLimits(
                        1, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("positive");
    }
}
