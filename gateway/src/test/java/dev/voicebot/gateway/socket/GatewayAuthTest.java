package dev.voicebot.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.gateway.socket.GatewayAuth.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GatewayAuthTest {

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void openWhenNothingIsConfigured() {
        GatewayAuth auth = new GatewayAuth("", null, "");
        assertThat(auth.check(null, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(auth.tokenRequired()).isFalse();
        assertThat(auth.basicRequired()).isFalse();
    }

    @Test
    void token() {
        GatewayAuth auth = new GatewayAuth("s3cret", null, null);
        assertThat(auth.check("s3cret", null)).isEqualTo(Verdict.ALLOWED);
        assertThat(auth.check(null, null)).isEqualTo(Verdict.MISSING);
        assertThat(auth.check("", null)).isEqualTo(Verdict.MISSING);
        assertThat(auth.check("s3cre", null)).isEqualTo(Verdict.WRONG);
        assertThat(auth.check("s3cret!", null)).isEqualTo(Verdict.WRONG);
    }

    @Test
    void basicCredentials() {
        GatewayAuth auth = new GatewayAuth(null, "exotel", "pa:ss");
        assertThat(auth.check(null, basic("exotel:pa:ss"))).isEqualTo(Verdict.ALLOWED);
        assertThat(auth.check(null, "basic " + basic("exotel:pa:ss").substring(6)))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(auth.check(null, null)).isEqualTo(Verdict.MISSING);
        assertThat(auth.check(null, "Bearer abc")).isEqualTo(Verdict.MISSING);
        assertThat(auth.check(null, basic("exotel:wrong"))).isEqualTo(Verdict.WRONG);
        assertThat(auth.check(null, basic("other:pa:ss"))).isEqualTo(Verdict.WRONG);
        assertThat(auth.check(null, basic("no-colon"))).isEqualTo(Verdict.WRONG);
        assertThat(auth.check(null, "Basic %%%")).isEqualTo(Verdict.WRONG);
    }

    @Test
    void bothChecksApplyWhenBothAreConfigured() {
        GatewayAuth auth = new GatewayAuth("t", "u", "p");
        assertThat(auth.check("t", basic("u:p"))).isEqualTo(Verdict.ALLOWED);
        assertThat(auth.check("t", null)).isEqualTo(Verdict.MISSING);
        assertThat(auth.check("x", null)).isEqualTo(Verdict.WRONG);
    }

    @Test
    void basicNeedsUserAndPassword() {
        assertThatThrownBy(() -> new GatewayAuth(null, "user", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_BASIC_AUTH_PASSWORD");
    }

    @Test
    void queryParametersAreDecodedInOrder() {
        assertThat(ExotelHandshakeInterceptor.queryParameters("a=1&b=x%20y&c&a=2&d=%zz"))
                .containsExactly(
                        java.util.Map.entry("a", "1"),
                        java.util.Map.entry("b", "x y"),
                        java.util.Map.entry("c", ""),
                        java.util.Map.entry("d", "%zz"));
    }
}
