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

    @Test
    void urlsLoseTheirSecretsAndKeepEverythingElse() {
        assertThat(Redact.url("wss://gw.example.com/ws?token=abc123&sample-rate=16000"))
                .isEqualTo("wss://gw.example.com/ws?token=***&sample-rate=16000");
        assertThat(Redact.url("wss://exotel:s3cret@gw.example.com/ws/c-7?lang=hi&api_key=k&Auth=x"))
                .isEqualTo("wss://exotel:***@gw.example.com/ws/c-7?lang=hi&api_key=***&Auth=***");
        assertThat(Redact.url("https://crm.example.com/cb?key=k1#frag"))
                .isEqualTo("https://crm.example.com/cb?key=***#frag");
        assertThat(Redact.url("wss://gw.example.com/ws")).isEqualTo("wss://gw.example.com/ws");
        assertThat(Redact.url(null)).isNull();
    }
}
