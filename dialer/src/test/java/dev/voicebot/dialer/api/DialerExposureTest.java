package dev.voicebot.dialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.support.DialerIntegrationTest;
import dev.voicebot.dialer.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the dialer shows without its API key: health (no details), info, metrics, the Prometheus
 * scrape and the API documentation; no actuator endpoint that reveals configuration, environment,
 * memory or threads, even with the key; and no status callback without its token.
 */
class DialerExposureTest extends DialerIntegrationTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/beans",
                "/actuator/mappings",
                "/actuator/loggers",
                "/actuator/shutdown",
                "/actuator/conditions",
                "/actuator/scheduledtasks"
            })
    void sensitiveActuatorEndpointsAreNotExposed(String path) {
        assertThat(api.get(path).statusCode()).isEqualTo(404);
        assertThat(new Http(api.baseUrl(), null).get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void healthShowsNoDetails() {
        HttpResponse<String> health = new Http(api.baseUrl(), null).get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("components", "details", "localhost");
    }

    @Test
    void aStatusCallbackWithoutItsTokenFindsNothing() {
        Http exotel = new Http(api.baseUrl(), null);
        assertThat(exotel.post("/exotel/status-callback/", "application/json", "{\"CallSid\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(exotel.post("/exotel/status-callback", "application/json", "{\"CallSid\":\"x\"}")
                        .statusCode())
                .isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/calls/CA1", "/campaigns", "/actuator/../calls/CA1", "/calls//CA1"})
    void theApiNeedsTheKey(String path) {
        assertThat(new Http(api.baseUrl(), null).get(path).statusCode()).isIn(400, 401);
        assertThat(new Http(api.baseUrl(), "wrong-key").get(path).statusCode()).isIn(400, 401);
    }
}
