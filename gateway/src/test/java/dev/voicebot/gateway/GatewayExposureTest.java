package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's HTTP port is reachable by Exotel, so by anyone: only health (without details),
 * info, metrics and the Prometheus scrape answer; nothing that shows configuration, environment,
 * memory or threads does.
 */
class GatewayExposureTest extends GatewayIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

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
    void sensitiveActuatorEndpointsAreNotExposed(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness"})
    void healthShowsNoDetails(String path) throws Exception {
        HttpResponse<String> health = get(path);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("components", "details", "bootstrap", "localhost");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
