package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.voicebot.gateway.support.ExotelClient;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Basic credentials, as Exotel sends them for {@code wss://user:password@host/ws} URLs. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "voicebot.instance-id=gw-basic",
            "voicebot.gateway.auth.basic-user=exotel",
            "voicebot.gateway.auth.basic-password=s3cret",
            "voicebot.kafka.partitions=2"
        })
class GatewayBasicAuthTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    }

    @LocalServerPort
    int port;

    @Test
    void rightCredentialsOpenASocket() {
        try (ExotelClient exotel = ExotelClient.connect(uri(), Map.of("Authorization", basic("exotel:s3cret")))) {
            exotel.connected();
            assertThat(exotel.isClosed()).isFalse();
        }
    }

    @Test
    void missingCredentialsAre401() {
        assertThat(status(Map.of())).isEqualTo(401);
    }

    @Test
    void wrongCredentialsAre403() {
        assertThat(status(Map.of("Authorization", basic("exotel:guess")))).isEqualTo(403);
    }

    private URI uri() {
        return URI.create("ws://localhost:" + port + "/ws");
    }

    private int status(Map<String, String> headers) {
        Throwable failure = catchThrowable(() -> ExotelClient.connect(uri(), headers));
        assertThat(failure).isInstanceOf(CompletionException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
