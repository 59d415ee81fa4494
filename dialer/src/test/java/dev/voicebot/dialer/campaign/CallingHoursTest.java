package dev.voicebot.dialer.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallingHoursTest {

    private final CallingHours day = CallingHours.parse("09:00-21:00", "Asia/Kolkata");

    @Test
    void isOpenInsideTheWindowInItsZone() {
        assertThat(day.isOpen(Instant.parse("2026-08-20T03:30:00Z"))).isTrue();
        assertThat(day.isOpen(Instant.parse("2026-08-20T03:29:59Z"))).isFalse();
        assertThat(day.isOpen(Instant.parse("2026-08-20T15:29:59Z"))).isTrue();
        assertThat(day.isOpen(Instant.parse("2026-08-20T15:30:00Z"))).isFalse();
    }

    @Test
    void nextOpeningIsTodayOrTomorrowMorning() {
        assertThat(day.nextOpening(Instant.parse("2026-08-20T01:00:00Z")))
                .isEqualTo(Instant.parse("2026-08-20T03:30:00Z"));
        assertThat(day.nextOpening(Instant.parse("2026-08-20T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-08-21T03:30:00Z"));
        assertThat(day.nextOpening(Instant.parse("2026-08-20T05:00:00Z")))
                .isEqualTo(Instant.parse("2026-08-20T05:00:00Z"));
    }

    @Test
    void aWindowMayCrossMidnightAndEqualEndsMeanAllDay() {
        CallingHours night = CallingHours.parse("21:00-06:00", "UTC");
        assertThat(night.isOpen(Instant.parse("2026-08-20T23:00:00Z"))).isTrue();
        assertThat(night.isOpen(Instant.parse("2026-08-20T05:59:00Z"))).isTrue();
        assertThat(night.isOpen(Instant.parse("2026-08-20T12:00:00Z"))).isFalse();
        assertThat(CallingHours.parse("00:00-00:00", "UTC").isOpen(Instant.parse("2026-08-20T12:00:00Z")))
                .isTrue();
    }

    @Test
    void explainsBadSettings() {
        assertThatThrownBy(() -> CallingHours.parse("9 to 5", "UTC")).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> CallingHours.parse("09:00-17:00", "Mars/Olympus"))
                .hasMessageContaining("time zone");
    }
}
