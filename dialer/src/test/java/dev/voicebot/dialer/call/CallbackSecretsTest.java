package dev.voicebot.dialer.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallbackSecretsTest {

    @Test
    void theDerivedTokenIsStableAndRevealsNothingOfTheExotelToken() {
        CallbackSecrets first = new CallbackSecrets(null, "exotel-token");
        CallbackSecrets again = new CallbackSecrets("", "exotel-token");
        assertThat(first.token())
                .isEqualTo(again.token())
                .doesNotContain("exotel-token")
                .hasSize(40);
        assertThat(first.stable()).isTrue();
        assertThat(first.tokenMatches(again.token())).isTrue();
        assertThat(first.tokenMatches("wrong")).isFalse();
        assertThat(first.tokenMatches(null)).isFalse();
    }

    @Test
    void correlationIdsCarryAMacOnlyTheSameSecretAccepts() {
        CallbackSecrets ours = new CallbackSecrets("configured-token-0123456789", null);
        String id = ours.newCorrelationId();
        assertThat(id).hasSize(30).startsWith("vb");
        assertThat(ours.isGenuine(id)).isTrue();
        assertThat(new CallbackSecrets("configured-token-0123456789", null).isGenuine(id))
                .isTrue();
        assertThat(new CallbackSecrets("another-token-0123456789", null).isGenuine(id))
                .isFalse();
        assertThat(ours.isGenuine(id.substring(0, 29) + (id.endsWith("0") ? "1" : "0")))
                .isFalse();
        assertThat(ours.isGenuine(null)).isFalse();
        assertThat(ours.isGenuine("campaign-42")).isFalse();
    }

    @Test
    void aConfiguredTokenMustBeUrlSafeAndLong() {
        assertThatThrownBy(() -> new CallbackSecrets("short", null)).hasMessageContaining("DIALER_CALLBACK_TOKEN");
        assertThatThrownBy(() -> new CallbackSecrets("has/a/slash/in/it/0123", null))
                .hasMessageContaining("16 or more");
    }

    @Test
    void withoutAnySecretTheTokenIsRandomAndSaysSo() {
        assertThat(new CallbackSecrets(null, null).stable()).isFalse();
        assertThat(new CallbackSecrets(null, null).token()).isNotEqualTo(new CallbackSecrets(null, null).token());
    }

    @Test
    void masksNumbersInFreeText() {
        assertThat(LogSafe.maskNumbers("From number 09876543210 is invalid for +91 98765 43210"))
                .isEqualTo("From number *******3210 is invalid for +91 ***** *3210");
    }
}
