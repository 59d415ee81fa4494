package dev.voicebot.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void keepsCountryCodeAndLastFourDigits() {
        assertThat(Redact.phone("+919876543210")).isEqualTo("+91******3210");
        assertThat(Redact.phone("09876543210")).isEqualTo("*******3210");
    }

    @Test
    void shortOrMissingNumbersRevealNothingUseful() {
        assertThat(Redact.phone(null)).isEqualTo("<none>");
        assertThat(Redact.phone("1234")).isEqualTo("****");
        assertThat(Redact.phone("12345")).isEqualTo("****5");
    }
}
