package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health and the gateway's meters over HTTP, as an operator's scraper sees them. */
class GatewayActuatorTest extends GatewayIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsUpWithTheRouteReader() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusExposesTheGatewayMeters() throws Exception {
        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("voicebot_gateway_calls_active")
                .contains("voicebot_gateway_frames_in_total")
                .contains("voicebot_gateway_frames_out_total")
                .contains("voicebot_gateway_frames_late_total")
                .contains("voicebot_gateway_pacing_jitter_seconds_bucket");
        assertThat(scrape.body()).doesNotContain("voicebot_gateway_calls_active NaN");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
