package dev.voicebot.dialer.exotel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectRequestTest {

    private static final String A = "+919876543210";
    private static final String B = "+918047100000";

    @Test
    void refusesAStreamUrlOf600CharactersOrMore() {
        String url = "wss://gw.example.com/ws?x=" + "a".repeat(600);
        assertThatThrownBy(() ->
                        new ConnectRequest(ConnectMode.VOICE_AI, A, B, B, null, url, null, null, null, false, null))
                .hasMessageContaining("600");
    }

    @Test
    void refusesACustomFieldOver128Characters() {
        assertThatThrownBy(() -> new ConnectRequest(
                        ConnectMode.TWO_NUMBERS, A, B, B, null, null, null, null, null, false, "x".repeat(129)))
                .hasMessageContaining("128");
    }

    @Test
    void refusesTimeLimitsOutsideExotelsRange() {
        assertThatThrownBy(() -> new ConnectRequest(
                        ConnectMode.TWO_NUMBERS, A, B, B, null, null, 14_401, null, null, false, null))
                .hasMessageContaining("14400");
    }

    @Test
    void flowModeNeedsTheFlowUrl() {
        assertThatThrownBy(
                        () -> new ConnectRequest(ConnectMode.FLOW, A, B, B, null, null, null, null, null, false, null))
                .hasMessageContaining("Url");
    }
}
